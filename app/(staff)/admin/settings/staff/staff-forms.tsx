"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { ConfirmButton } from "@/components/forms/confirm-button";
import { Alert, Button, Checkbox, FormField, Input, Select } from "@/components/ui";
import { STAFF_PERMISSIONS } from "@/lib/auth/permissions";
import { createStaffUserSchema, updateRoleSchema } from "@/lib/admin/staff-user-schemas";
import { changeStaffRoleAction, createStaffUserAction, setStaffDisabledAction, updateStaffRoleAction } from "./actions";

type Role = { id: string; name: string };

function useText() {
  const t = useTranslations("staffUsers");
  return { t, text: (key: string | null | undefined) => (key ? (t.has(key) ? t(key) : t("errors.generic")) : undefined) };
}

/** New staff member: name, email, role; the server emails the link to set a password. */
export function CreateStaffUserForm({ roles }: { roles: Role[] }) {
  const { t, text } = useText();
  const router = useRouter();
  const [values, setValues] = useState({ name: "", email: "", roleId: roles[0]?.id ?? "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "danger"; key: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (field: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [field]: e.target.value }));
  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = createStaffUserSchema.safeParse(values);
        if (!parsed.success) {
          setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
          return;
        }
        setErrors({});
        startTransition(async () => {
          const result = await createStaffUserAction(parsed.data);
          if (result.ok) {
            setValues({ name: "", email: "", roleId: roles[0]?.id ?? "" });
            setMessage({ tone: "success", key: "created" });
            router.refresh();
          } else {
            setErrors(result.fieldErrors ?? {});
            setMessage({ tone: "danger", key: result.error ?? "errors.generic" });
          }
        });
      }}
    >
      <FormField id="staff-name" label={t("name")} error={text(errors.name)}>
        <Input value={values.name} onChange={set("name")} maxLength={120} autoComplete="off" />
      </FormField>
      <FormField id="staff-email" label={t("email")} error={text(errors.email)}>
        <Input type="email" value={values.email} onChange={set("email")} maxLength={254} autoComplete="off" />
      </FormField>
      <FormField id="staff-role" label={t("role")} error={text(errors.roleId)}>
        <Select value={values.roleId} onChange={set("roleId")}>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? t("creating") : t("create")}
      </Button>
      {message ? (
        <div className="sm:col-span-4">
          <Alert tone={message.tone}>{message.key === "created" ? t("createdHint") : text(message.key)}</Alert>
        </div>
      ) : null}
    </form>
  );
}

/** A staff user's role (changes at once) and "disable" / "enable". */
export function StaffUserControls({ userId, name, roleId, roles, disabled, self }: { userId: string; name: string; roleId: string; roles: Role[]; disabled: boolean; self: boolean }) {
  const { t, text } = useText();
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        {t("roleOf", { name })}
      </label>
      <Select
        id={id}
        className="w-auto"
        defaultValue={roleId}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          startTransition(async () => {
            setError(null);
            const result = await changeStaffRoleAction({ userId, roleId: next });
            if (!result.ok) setError(result.error ?? "errors.generic");
            router.refresh();
          });
        }}
      >
        {roles.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </Select>
      {self ? null : (
        <ConfirmButton
          label={disabled ? t("enable") : t("disable")}
          ariaLabel={disabled ? t("enableNamed", { name }) : t("disableNamed", { name })}
          triggerVariant="secondary"
          size="sm"
          tone={disabled ? "primary" : "danger"}
          question={disabled ? t("enableQuestion", { name }) : t("disableQuestion", { name })}
          confirmLabel={disabled ? t("enableConfirm") : t("disableConfirm")}
          cancelLabel={t("cancel")}
          errorText={(key) => text(key)}
          run={() => setStaffDisabledAction({ userId, disabled: !disabled })}
          onDone={() => router.refresh()}
        />
      )}
      {error ? (
        <span role="alert" className="w-full text-xs text-danger">
          {text(error)}
        </span>
      ) : null}
    </div>
  );
}

/** A role's name and permissions (staff.access always stays). */
export function RoleForm({ role }: { role: { id: string; name: string; permissions: string[] } }) {
  const { t, text } = useText();
  const router = useRouter();
  const [name, setName] = useState(role.name);
  const [permissions, setPermissions] = useState(new Set(role.permissions));
  const [state, setState] = useState<{ error?: string; saved?: boolean }>({});
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = updateRoleSchema.safeParse({ roleId: role.id, name, permissions: [...permissions] });
        if (!parsed.success) return setState({ error: parsed.error.issues[0]?.message });
        startTransition(async () => {
          const result = await updateStaffRoleAction(parsed.data);
          setState(result.ok ? { saved: true } : { error: result.error ?? "errors.generic" });
          router.refresh();
        });
      }}
    >
      <FormField id={`role-${role.id}-name`} label={t("roleName")}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
      </FormField>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t("permissions")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {STAFF_PERMISSIONS.map((p) => (
            <label key={p} className="flex items-start gap-2 text-sm">
              <Checkbox
                checked={p === "staff.access" || permissions.has(p)}
                disabled={p === "staff.access"}
                onChange={(e) =>
                  setPermissions((current) => {
                    const next = new Set(current);
                    if (e.target.checked) next.add(p);
                    else next.delete(p);
                    return next;
                  })
                }
              />
              <span>
                {t(`permissionNames.${p.replace(".", "_")}`)}
                <span className="block font-mono text-xs text-muted">{p}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {state.error ? <Alert tone="danger">{text(state.error)}</Alert> : state.saved ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
