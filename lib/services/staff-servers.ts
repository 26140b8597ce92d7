import "server-only";
import { type Actor, assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { type AuditAction, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { type CreateServerInput, type UpdateServerInput, createServerSchema, updateServerSchema } from "./staff-servers-schemas";
import { type RequestMeta, StaffServicesError } from "./staff-services";

// The servers services run on (/admin/settings/servers): staff with staff.settings list, add,
// change and delete them; a server still used by a service, a product or a control-panel account
// cannot be deleted. Servers belong to no customer, so their audit rows carry none.

// AuditAction has no "services.*" member yet (the lead adds it); until then the names pass here.
const auditAction = (name: `services.${string}`): AuditAction => name;

type Tx = Prisma.TransactionClient;

function assertStaffSettings(actor: Actor): void {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.settings");
  assertCan(actor, "staff.settings");
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

const serverSelect = {
  id: true,
  name: true,
  hostname: true,
  location: true,
  module: true,
  createdAt: true,
  _count: { select: { services: true, products: true, panelAccounts: true } },
} satisfies Prisma.ServerSelect;

function toRow({ _count, ...server }: Prisma.ServerGetPayload<{ select: typeof serverSelect }>) {
  return { ...server, serviceCount: _count.services, productCount: _count.products, deletable: _count.services + _count.products + _count.panelAccounts === 0 };
}
export type StaffServerRow = ReturnType<typeof toRow>;

/** Every server with how many services and products use it. */
export async function listServersForStaff(actor: Actor): Promise<StaffServerRow[]> {
  assertStaffSettings(actor);
  const rows = await db.server.findMany({ orderBy: [{ name: "asc" }, { hostname: "asc" }], select: serverSelect });
  return rows.map(toRow);
}

/** One server for its edit page; null when the id is malformed or unknown (404). */
export async function getServerForStaff(actor: Actor, id: string): Promise<StaffServerRow | null> {
  assertStaffSettings(actor);
  if (!isUuid(id)) return null;
  const row = await db.server.findUnique({ where: { id }, select: serverSelect });
  return row ? toRow(row) : null;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** Host names are stored lower-case by the schema; compare without case anyway, for rows written before. */
async function assertHostnameFree(tx: Tx, hostname: string, exceptId?: string): Promise<void> {
  const taken = await tx.server.findFirst({ where: { hostname: { equals: hostname, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw new StaffServicesError("servers.errors.hostnameTaken", "hostname");
}

/** Runs `write`; a unique violation on the host name (a concurrent save) reads as "taken". */
async function withHostnameCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StaffServicesError("servers.errors.hostnameTaken", "hostname");
    throw error;
  }
}

export async function createServer(actor: Actor, input: CreateServerInput, meta: RequestMeta = {}): Promise<{ id: string }> {
  assertStaffSettings(actor);
  const data = createServerSchema.parse(input);
  return withHostnameCheck(() =>
    db.$transaction(async (tx) => {
      await assertHostnameFree(tx, data.hostname);
      const server = await tx.server.create({ data: { name: data.name, hostname: data.hostname, location: data.location || null, module: data.module }, select: { id: true } });
      await recordAuditEvent(
        {
          action: auditAction("services.server.created"),
          actorUserId: actor.userId,
          targetType: "server",
          targetId: server.id,
          ip: meta.ip ?? null,
          userAgent: meta.userAgent ?? null,
          data: { name: data.name, hostname: data.hostname, location: data.location || null, module: data.module },
        },
        tx,
      );
      return server;
    }),
  );
}

export async function updateServer(actor: Actor, input: UpdateServerInput, meta: RequestMeta = {}): Promise<void> {
  assertStaffSettings(actor);
  const data = updateServerSchema.parse(input);
  await withHostnameCheck(() =>
    db.$transaction(async (tx) => {
      const before = await tx.server.findUnique({ where: { id: data.id }, select: { name: true, hostname: true, location: true, module: true } });
      if (!before) throw new StaffServicesError("servers.errors.notFound");
      await assertHostnameFree(tx, data.hostname, data.id);
      const after = { name: data.name, hostname: data.hostname, location: data.location || null, module: data.module };
      await tx.server.update({ where: { id: data.id }, data: after });
      await recordAuditEvent(
        { action: auditAction("services.server.updated"), actorUserId: actor.userId, targetType: "server", targetId: data.id, ip: meta.ip ?? null, userAgent: meta.userAgent ?? null, data: { before, after } },
        tx,
      );
    }),
  );
}

/** Deletes a server nothing uses; one still used by a service, a product or a panel account is refused ("in use"). */
export async function deleteServer(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  assertStaffSettings(actor);
  if (!isUuid(id)) throw new StaffServicesError("servers.errors.notFound");
  await db.$transaction(async (tx) => {
    // Locking the row holds off a service or product being pointed at it until the delete commits.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Server" WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new StaffServicesError("servers.errors.notFound");
    const server = await tx.server.findUniqueOrThrow({ where: { id }, select: serverSelect });
    if (!toRow(server).deletable) throw new StaffServicesError("servers.errors.inUse");
    await tx.server.delete({ where: { id } });
    await recordAuditEvent(
      {
        action: auditAction("services.server.deleted"),
        actorUserId: actor.userId,
        targetType: "server",
        targetId: id,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent ?? null,
        data: { name: server.name, hostname: server.hostname, location: server.location, module: server.module },
      },
      tx,
    );
  });
}
