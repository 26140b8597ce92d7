"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { previewImportAction, saveZoneAction } from "@/app/(portal)/domains/[id]/dns/actions";
import { Alert, Button, Input, Select, Textarea } from "@/components/ui";
import { type DnsRecord, RECORD_TYPES, TTL_DEFAULT } from "@/lib/dns/records";
import { DNS_TEMPLATES, type DnsTemplate, templateRecords } from "@/lib/dns/templates";

type Row = { key: number; name: string; type: DnsRecord["type"]; ttl: string; content: string; priority: string };

let nextKey = 1;
const toRow = (r: DnsRecord): Row => ({ key: nextKey++, name: r.name, type: r.type, ttl: String(r.ttl), content: r.content, priority: r.priority === null ? "" : String(r.priority) });
const hasPriority = (type: string) => type === "MX" || type === "SRV";

/**
 * The zone editor: rows of records edited in place, templates and a BIND import that only fill the
 * rows, and one save that sends the whole set (the server checks every record again and the
 * backend applies all of it or nothing). Errors appear next to the field of their row.
 */
export function ZoneEditor({ domainId, zone, serial, records }: { domainId: string; zone: string; serial: string; records: DnsRecord[] }) {
  const t = useTranslations("dns");
  const text = (key: string | undefined) => (key ? (t.has(key) ? t(key) : t("errors.invalid")) : undefined);
  const router = useRouter();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => records.map(toRow));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ added: number; removed: number } | null>(null);
  const [importText, setImportText] = useState("");
  const [importNote, setImportNote] = useState<{ problems: { line: number; key: string }[]; skipped: { line: number; type: string }[]; count: number } | null>(null);
  const [pending, startTransition] = useTransition();

  const change = (next: Row[]) => {
    setRows(next);
    setDirty(true);
    setSaved(null);
  };
  const update = (key: number, patch: Partial<Row>) => change(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const fieldError = (index: number, field: string) => text(errors[`records.${index}.${field}`]);

  const save = () =>
    startTransition(async () => {
      setFormError(null);
      setErrors({});
      const result = await saveZoneAction({ domainId, serial, records: rows.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, content: r.content, priority: hasPriority(r.type) ? r.priority : "" })) });
      if (result.ok) {
        setSaved({ added: result.data.added, removed: result.data.removed });
        setDirty(false);
        router.refresh();
      } else {
        setFormError(result.error ?? "errors.invalid");
        setErrors(result.fieldErrors ?? {});
      }
    });

  const preview = () =>
    startTransition(async () => {
      setImportNote(null);
      const result = await previewImportAction({ domainId, text: importText });
      if (!result.ok) {
        setFormError(result.error ?? "errors.invalid");
        return;
      }
      change(result.data.records.map(toRow));
      setImportNote({ problems: result.data.problems, skipped: result.data.skipped, count: result.data.records.length });
    });

  return (
    <div className="space-y-4" data-testid="zone-editor">
      {formError ? <Alert tone="danger">{text(formError)}</Alert> : null}
      {saved ? (
        <Alert tone="success" data-testid="zone-saved">
          {t("editor.saved", { added: saved.added, removed: saved.removed })}
        </Alert>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">{t("editor.caption", { zone })}</caption>
          <thead>
            <tr className="border-b border-border text-muted">
              <th scope="col" className="py-2 pr-2 font-medium">{t("editor.name")}</th>
              <th scope="col" className="py-2 pr-2 font-medium">{t("editor.type")}</th>
              <th scope="col" className="py-2 pr-2 font-medium">{t("editor.ttl")}</th>
              <th scope="col" className="py-2 pr-2 font-medium">{t("editor.priority")}</th>
              <th scope="col" className="py-2 pr-2 font-medium">{t("editor.content")}</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">{t("editor.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.key} className="border-b border-border/60 align-top" data-testid="zone-row">
                <td className="py-2 pr-2">
                  <Input aria-label={t("editor.nameOf", { row: index + 1 })} value={row.name} onChange={(e) => update(row.key, { name: e.target.value })} className="font-mono" aria-invalid={fieldError(index, "name") ? true : undefined} />
                  {fieldError(index, "name") ? <p className="mt-1 text-xs text-danger">{fieldError(index, "name")}</p> : null}
                </td>
                <td className="py-2 pr-2">
                  <Select aria-label={t("editor.typeOf", { row: index + 1 })} value={row.type} onChange={(e) => update(row.key, { type: e.target.value as Row["type"] })}>
                    {RECORD_TYPES.map((type) => (
                      <option key={type}>{type}</option>
                    ))}
                  </Select>
                  {fieldError(index, "type") ? <p className="mt-1 text-xs text-danger">{fieldError(index, "type")}</p> : null}
                </td>
                <td className="w-28 py-2 pr-2">
                  <Input aria-label={t("editor.ttlOf", { row: index + 1 })} inputMode="numeric" value={row.ttl} onChange={(e) => update(row.key, { ttl: e.target.value })} aria-invalid={fieldError(index, "ttl") ? true : undefined} />
                  {fieldError(index, "ttl") ? <p className="mt-1 text-xs text-danger">{fieldError(index, "ttl")}</p> : null}
                </td>
                <td className="w-24 py-2 pr-2">
                  {hasPriority(row.type) ? (
                    <Input aria-label={t("editor.priorityOf", { row: index + 1 })} inputMode="numeric" value={row.priority} onChange={(e) => update(row.key, { priority: e.target.value })} aria-invalid={fieldError(index, "priority") ? true : undefined} />
                  ) : (
                    <span className="text-muted">—</span>
                  )}
                  {fieldError(index, "priority") ? <p className="mt-1 text-xs text-danger">{fieldError(index, "priority")}</p> : null}
                </td>
                <td className="py-2 pr-2">
                  <Input aria-label={t("editor.contentOf", { row: index + 1 })} value={row.content} onChange={(e) => update(row.key, { content: e.target.value })} className="font-mono" aria-invalid={fieldError(index, "content") ? true : undefined} />
                  {fieldError(index, "content") ? <p className="mt-1 text-xs text-danger">{fieldError(index, "content")}</p> : null}
                </td>
                <td className="py-2">
                  <Button variant="ghost" size="sm" onClick={() => change(rows.filter((r) => r.key !== row.key))} aria-label={t("editor.removeRow", { row: index + 1 })}>
                    ✕
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 ? <p className="text-sm text-muted">{t("editor.empty")}</p> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => change([...rows, { key: nextKey++, name: "@", type: "A", ttl: String(TTL_DEFAULT), content: "", priority: "" }])} data-testid="add-record">
          {t("editor.add")}
        </Button>
        <label className="sr-only" htmlFor={`${id}-template`}>
          {t("editor.template")}
        </label>
        <Select
          id={`${id}-template`}
          value=""
          onChange={(e) => {
            if (e.target.value) change([...rows, ...templateRecords(e.target.value as DnsTemplate, zone).map(toRow)]);
          }}
          className="w-auto"
        >
          <option value="">{t("editor.template")}</option>
          {DNS_TEMPLATES.map((tpl) => (
            <option key={tpl} value={tpl}>
              {t(`templates.${tpl}`)}
            </option>
          ))}
        </Select>
        <Button onClick={save} disabled={pending || !dirty} data-testid="save-zone">
          {pending ? t("editor.saving") : t("editor.save")}
        </Button>
        {dirty ? (
          <Button
            variant="ghost"
            onClick={() => {
              setRows(records.map(toRow));
              setDirty(false);
              setErrors({});
              setFormError(null);
            }}
          >
            {t("editor.discard")}
          </Button>
        ) : null}
        {dirty ? <span className="text-sm text-warning">{t("editor.unsaved")}</span> : null}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-accent">{t("editor.import")}</summary>
        <div className="mt-2 space-y-2">
          <label htmlFor={`${id}-import`} className="block text-sm text-muted">
            {t("editor.importHint")}
          </label>
          <Textarea id={`${id}-import`} rows={8} value={importText} onChange={(e) => setImportText(e.target.value)} className="font-mono" />
          <Button variant="secondary" onClick={preview} disabled={pending || !importText.trim()}>
            {t("editor.importPreview")}
          </Button>
          {importNote ? (
            <Alert tone={importNote.problems.length ? "warning" : "info"}>
              {t("editor.imported", { count: importNote.count, skipped: importNote.skipped.length })}
              {importNote.problems.map((p) => (
                <span key={`${p.line}-${p.key}`} className="block">
                  {t("editor.importLine", { line: p.line, problem: text(p.key) ?? "" })}
                </span>
              ))}
            </Alert>
          ) : null}
        </div>
      </details>
    </div>
  );
}
