import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import type { Prisma, ServiceKind } from "@/lib/generated/prisma/client";
import { serviceAuditAction } from "./upgrade";
import { type ParsedCall, type ParsedTraffic, type UsageRowError, parseCallCsv, parseTrafficCsv } from "./usage-csv";
import { type UsageImportInput, type UsageImportKind, usageImportSchema } from "./usage-schemas";

// The staff import of usage files (staff.services): call records for a VoIP service, hourly
// traffic counters for a housing service's addresses. All-or-nothing per file, and idempotent:
// rows land with createMany … skipDuplicates on the schema's unique keys (CallRecord
// (serviceId, externalId), TrafficSample (serviceId, address, hour)), so importing the same file
// again adds nothing and says so.

const KIND_OF_IMPORT: Record<UsageImportKind, ServiceKind> = { calls: "voip", traffic: "housing" };
const INSERT_CHUNK = 5_000;
const TX_OPTIONS = { timeout: 60_000, maxWait: 10_000 } as const;

/** A refusal about the file as a whole; `key` is a message key of "staffServices.usageImport". */
export class UsageImportError extends Error {
  constructor(
    readonly key: string,
    readonly field?: "serviceId" | "kind" | "csv",
  ) {
    super(key);
    this.name = "UsageImportError";
  }
}

export type UsageImportService = { id: string; name: string; label: string | null; kind: ServiceKind; status: string; customer: { id: string; name: string; contractNumber: string }; addresses: string[] };

const importServiceSelect = {
  id: true,
  name: true,
  label: true,
  kind: true,
  status: true,
  customer: { select: { id: true, name: true, contractNumber: true } },
  ipAddresses: { select: { address: true }, orderBy: { address: "asc" } },
} satisfies Prisma.ServiceSelect;

const toImportService = ({ ipAddresses, ...s }: Prisma.ServiceGetPayload<{ select: typeof importServiceSelect }>): UsageImportService => ({ ...s, addresses: ipAddresses.map((a) => a.address) });

/** VoIP and housing services matching `q` (service name or label, customer name or contract), for the upload form. */
export async function searchUsageImportServices(actor: StaffActor, q: string | undefined): Promise<UsageImportService[]> {
  assertCan(actor, "staff.services");
  const text = q?.trim();
  const rows = await db.service.findMany({
    where: {
      kind: { in: ["voip", "housing"] },
      ...(text
        ? {
            OR: [
              { name: { contains: text, mode: "insensitive" } },
              { label: { contains: text, mode: "insensitive" } },
              { customer: { name: { contains: text, mode: "insensitive" } } },
              { customer: { contractNumber: { contains: text, mode: "insensitive" } } },
            ],
          }
        : {}),
    },
    orderBy: [{ customer: { name: "asc" } }, { name: "asc" }, { id: "asc" }],
    take: 20,
    select: importServiceSelect,
  });
  return rows.map(toImportService);
}

export async function getUsageImportService(actor: StaffActor, serviceId: string): Promise<UsageImportService | null> {
  assertCan(actor, "staff.services");
  const row = await db.service.findFirst({ where: { id: serviceId, kind: { in: ["voip", "housing"] } }, select: importServiceSelect });
  return row ? toImportService(row) : null;
}

export type UsageImportResult =
  | { ok: true; kind: UsageImportKind; rows: number; inserted: number; duplicates: number }
  | { ok: false; kind: UsageImportKind; errors: UsageRowError[] };

async function insertCalls(tx: Prisma.TransactionClient, serviceId: string, rows: ParsedCall[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map(({ line: _line, ...r }) => ({ ...r, serviceId }));
    inserted += (await tx.callRecord.createMany({ data: chunk, skipDuplicates: true })).count;
  }
  return inserted;
}

async function insertTraffic(tx: Prisma.TransactionClient, serviceId: string, rows: ParsedTraffic[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map(({ line: _line, ...r }) => ({ ...r, serviceId }));
    inserted += (await tx.trafficSample.createMany({ data: chunk, skipDuplicates: true })).count;
  }
  return inserted;
}

/**
 * Checks the whole file and imports it, or reports every row error (with line numbers) and imports
 * nothing. The service must be a VoIP service for calls and a housing service for traffic.
 */
export async function importUsageCsv(actor: StaffActor, input: UsageImportInput, opts: { now?: Date; ip?: string | null; userAgent?: string | null } = {}): Promise<UsageImportResult> {
  assertCan(actor, "staff.services");
  const parsedInput = usageImportSchema.safeParse(input);
  if (!parsedInput.success) throw new UsageImportError("errors.invalidForm");
  const { serviceId, kind, csv } = parsedInput.data;
  const now = opts.now ?? new Date();
  const service = await getUsageImportService(actor, serviceId);
  if (!service) throw new UsageImportError("errors.serviceNotFound", "serviceId");
  if (service.kind !== KIND_OF_IMPORT[kind]) throw new UsageImportError(kind === "calls" ? "errors.notVoip" : "errors.notHousing", "kind");

  const parsed = kind === "calls" ? parseCallCsv(csv, now) : parseTrafficCsv(csv, now, new Set(service.addresses));
  if (parsed.errors.length) return { ok: false, kind, errors: parsed.errors };

  return db.$transaction(async (tx) => {
    const rows = parsed.rows.length;
    const inserted = kind === "calls" ? await insertCalls(tx, service.id, parsed.rows as ParsedCall[]) : await insertTraffic(tx, service.id, parsed.rows as ParsedTraffic[]);
    await recordAuditEvent(
      {
        action: serviceAuditAction("services.usage.imported"),
        actorUserId: actor.userId,
        customerId: service.customer.id,
        targetType: "service",
        targetId: service.id,
        ip: opts.ip ?? null,
        userAgent: opts.userAgent ?? null,
        data: { kind, rows, inserted, duplicates: rows - inserted, serviceName: service.name },
      },
      tx,
    );
    return { ok: true as const, kind, rows, inserted, duplicates: rows - inserted };
  }, TX_OPTIONS);
}
