import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type CustomerActor, can, customerScope } from "@/lib/auth/actor-types";
import { assertNotImpersonating } from "@/lib/auth/impersonation";
import type { RequestInfo } from "@/lib/auth/login";
import { passwordProblem } from "@/lib/auth/password";
import type { VpnPasswordInput } from "@/lib/auth/security-schemas";
import { ProvisioningError, moduleFor } from "@/lib/integrations/provisioning";

// VPN access services (Service.kind "vpn"): the customer sets the VPN login's password on
// /account/security, with the account password's rules, through the provisioning module (the
// built-in one keeps a scrypt hash). Permission services.manage; another customer's service is
// "not found". The password is never stored or audited by Portico itself.

export type VpnServiceRow = { id: string; name: string; label: string | null; username: string | null; status: "active" | "suspended" | "pending" };

/** The customer's VPN services the actor may set a password for; empty without services.manage. */
export async function listVpnServices(actor: CustomerActor): Promise<VpnServiceRow[]> {
  if (!can(actor, "services.manage")) return [];
  const customerId = customerScope(actor, "services.manage");
  const rows = await db.service.findMany({
    where: { customerId, kind: "vpn", status: { in: ["active", "suspended", "pending"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, label: true, username: true, status: true },
  });
  return rows.map((r) => ({ ...r, status: r.status as VpnServiceRow["status"] }));
}

export type SetVpnPasswordResult =
  | { ok: true }
  | { ok: false; error: "errors.notFound" | "errors.vpnSuspended" | "errors.vpnUnavailable" | "errors.vpnNotReady"; field?: undefined }
  | { ok: false; field: "password"; error: "errors.passwordShort" | "errors.passwordLong" | "errors.passwordCommon" | "errors.vpnRefused" };

const POLICY_ERROR = { too_short: "errors.passwordShort", too_long: "errors.passwordLong", too_common: "errors.passwordCommon" } as const;

export async function setVpnPassword(actor: CustomerActor, input: Pick<VpnPasswordInput, "serviceId" | "password">, info: RequestInfo): Promise<SetVpnPasswordResult> {
  const customerId = customerScope(actor, "services.manage");
  assertNotImpersonating(actor);
  const service = await db.service.findFirst({
    where: { id: input.serviceId, customerId, kind: "vpn", status: { not: "terminated" }, terminatedAt: null },
    select: { id: true, kind: true, serverId: true, name: true, status: true },
  });
  if (!service) return { ok: false, error: "errors.notFound" };
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, field: "password", error: POLICY_ERROR[problem] };
  if (service.status === "suspended") return { ok: false, error: "errors.vpnSuspended" };

  try {
    await moduleFor(service).setServicePassword({ id: service.id, kind: service.kind, serverId: service.serverId }, input.password);
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error;
    switch (error.code) {
      case "invalid_input":
        return { ok: false, field: "password", error: "errors.vpnRefused" };
      case "suspended":
        return { ok: false, error: "errors.vpnSuspended" };
      case "not_found":
        return { ok: false, error: "errors.vpnNotReady" };
      case "terminated":
        return { ok: false, error: "errors.notFound" };
      default:
        return { ok: false, error: "errors.vpnUnavailable" };
    }
  }
  await recordAuditEvent({
    action: "services.vpn.password_changed",
    actorUserId: actor.userId,
    customerId,
    targetType: "service",
    targetId: service.id,
    ip: info.ip,
    userAgent: info.userAgent,
    data: { service: service.name },
  });
  return { ok: true };
}
