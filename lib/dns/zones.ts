import "server-only";
import { type Actor, type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { type DnsBackend, DnsBackendError, dnsBackend, providerNameservers } from "@/lib/integrations/dns";
import { type DnsRecord, type RecordProblem, normaliseName, recordProblems, zoneProblems } from "./records";
import { exportZoneFile, importZoneFile, type ZoneImport } from "./zone-file";
import { saveZoneSchema } from "./zone-schemas";

// The zone editor (issue 6): a customer's domain's DNS zone, read with domains.view and changed with
// dns.manage, always for the actor's customer. A save sends the whole record set to the backend,
// which applies it completely or not at all; the editor's serial guards against overwriting a
// save made meanwhile in another tab.

export type RequestMeta = { ip?: string | null; userAgent?: string | null };

/** A save that cannot happen; `key` is a message key of "dns"; `problems` by record index. */
export class ZoneError extends Error {
  constructor(
    readonly key: string,
    readonly problems: { index: number; problem: RecordProblem }[] = [],
  ) {
    super(key);
    this.name = "ZoneError";
  }
}

export type ZoneView = {
  domain: { id: string; name: string; status: string };
  backend: string;
  /** What a save must send back ("0" before the first save). */
  serial: string;
  records: DnsRecord[];
  canEdit: boolean;
  nameservers: string[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EDITABLE = ["active", "pending_registration", "pending_transfer"] as const;

async function domainOf(customerId: string, domainId: string) {
  if (!UUID.test(domainId)) return null;
  return db.domain.findFirst({ where: { id: domainId, customerId }, select: { id: true, name: true, status: true, zone: { select: { id: true, backend: true, serial: true } } } });
}

/** The domain's zone for the editor; null for another customer's domain (404). */
export async function getZone(actor: Actor, domainId: string, opts: { backend?: (key: string) => DnsBackend } = {}): Promise<ZoneView | null> {
  const customerId = customerScope(actor, "domains.view");
  const domain = await domainOf(customerId, domainId);
  if (!domain) return null;
  const backendKey = domain.zone?.backend ?? null;
  const snapshot = backendKey ? await (opts.backend ?? dnsBackend)(backendKey).getZone(domain.name) : null;
  return {
    domain: { id: domain.id, name: domain.name, status: domain.status },
    backend: backendKey ?? "",
    serial: (domain.zone?.serial ?? 0n).toString(),
    records: snapshot?.records ?? [],
    canEdit: can(actor, "dns.manage") && (EDITABLE as readonly string[]).includes(domain.status),
    nameservers: providerNameservers(),
  };
}

/** Every problem of a record set: per record and across the zone. */
export function zoneSetProblems(zone: string, records: readonly DnsRecord[]): { index: number; problem: RecordProblem }[] {
  return [...records.flatMap((r, index) => recordProblems(r, zone).map((problem) => ({ index, problem }))), ...zoneProblems(records)].sort((a, b) => a.index - b.index);
}

/**
 * Replaces the zone's records (dns.manage). Refused, changing nothing, when a record or the set is
 * invalid, when the zone was saved since `serial` was read, or when the backend refuses it.
 */
export async function saveZone(actor: CustomerActor, input: unknown, meta: RequestMeta = {}, opts: { backend?: (key: string) => DnsBackend } = {}): Promise<{ serial: string; added: number; removed: number }> {
  const customerId = customerScope(actor, "dns.manage");
  const parsed = saveZoneSchema.safeParse(input);
  if (!parsed.success) throw new ZoneError(parsed.error.issues[0]?.message ?? "errors.invalid");
  const domain = await domainOf(customerId, parsed.data.domainId);
  if (!domain) throw new ZoneError("errors.notFound");
  if (!(EDITABLE as readonly string[]).includes(domain.status)) throw new ZoneError("errors.notEditable");
  const records: DnsRecord[] = parsed.data.records.map((r) => ({ name: normaliseName(r.name, domain.name), type: r.type, ttl: r.ttl, content: r.content, priority: r.priority ?? null }));
  const problems = zoneSetProblems(domain.name, records);
  if (problems.length) throw new ZoneError("errors.invalidRecords", problems);

  const backend = (opts.backend ?? dnsBackend)(domain.zone?.backend ?? "");
  try {
    return await db.$transaction(
      async (tx) => {
        // One save per zone at a time; the serial the editor loaded must still be the current one.
        await tx.$executeRaw`SELECT 1 FROM "Domain" WHERE "id" = ${domain.id}::uuid FOR UPDATE`;
        const zoneRow = await tx.dnsZone.findUnique({ where: { name: domain.name }, select: { serial: true } });
        if ((zoneRow?.serial ?? 0n).toString() !== parsed.data.serial) throw new ZoneError("errors.zoneChanged");
        await backend.ensureZone(domain.name, providerNameservers());
        const before = await backend.getZone(domain.name);
        const { serial } = await backend.replaceRecords(domain.name, records);
        const zone = await tx.dnsZone.upsert({ where: { name: domain.name }, update: { serial, domainId: domain.id, backend: backend.name }, create: { name: domain.name, domainId: domain.id, backend: backend.name, serial } });
        // The backend is the truth; for PowerDNS these rows mirror the last save (export, staff views).
        if (backend.name !== "builtin") {
          await tx.dnsRecord.deleteMany({ where: { zoneId: zone.id } });
          await tx.dnsRecord.createMany({ data: records.map((r) => ({ zoneId: zone.id, name: r.name, type: r.type, ttl: r.ttl, content: r.content, priority: r.priority })) });
        }
        const key = (r: DnsRecord) => `${r.name} ${r.type} ${r.priority ?? ""} ${r.content} ${r.ttl}`;
        const old = new Set((before?.records ?? []).map(key));
        const next = new Set(records.map(key));
        const added = [...next].filter((k) => !old.has(k)).length;
        const removed = [...old].filter((k) => !next.has(k)).length;
        await recordAuditEvent(
          { action: "dns.zone.saved", actorUserId: actor.userId, customerId, targetType: "domain", targetId: domain.id, data: { zone: domain.name, serial: serial.toString(), added, removed, records: records.length }, ip: meta.ip, userAgent: meta.userAgent },
          tx,
        );
        return { serial: serial.toString(), added, removed };
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (error instanceof DnsBackendError) throw new ZoneError(error.code === "unavailable" ? "errors.backendUnavailable" : "errors.backendRejected");
    throw error;
  }
}

/** The zone as a BIND file (domains.view); null → 404. */
export async function exportZone(actor: Actor, domainId: string, opts: { backend?: (key: string) => DnsBackend; now?: Date } = {}): Promise<{ filename: string; text: string } | null> {
  const zone = await getZone(actor, domainId, opts);
  if (!zone) return null;
  return { filename: `${zone.domain.name}.zone`, text: exportZoneFile(zone.domain.name, zone.records, { generatedAt: opts.now ?? new Date() }) };
}

/** Reads a BIND file for the editor (dns.manage): the records with their problems; nothing is saved until the user saves. */
export async function previewZoneImport(actor: CustomerActor, domainId: string, text: string): Promise<(ZoneImport & { recordProblems: { index: number; problem: RecordProblem }[] }) | null> {
  const customerId = customerScope(actor, "dns.manage");
  const domain = await domainOf(customerId, domainId);
  if (!domain) return null;
  const result = importZoneFile(domain.name, text);
  return { ...result, recordProblems: zoneSetProblems(domain.name, result.records) };
}
