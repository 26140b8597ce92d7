import "server-only";
import type { Prisma, ServiceStatus } from "@/lib/generated/prisma/client";

/** What a module needs to know about the service it acts on (issue 5 adds server, package, …). */
export type ProvisionedService = { id: string; kind?: string; serverId?: string | null };

/**
 * `tx`: a module that keeps its state in Postgres (the built-in one) joins the caller's
 * transaction, so the service's new state commits with the change that caused it. A module that
 * talks to an outside control panel ignores it: it runs from a job, never inside a transaction.
 */
export type ProvisioningContext = { tx?: Prisma.TransactionClient; now?: Date };

/** `changed` is false when the service already was in the requested state (calls are idempotent). */
export type ProvisioningOutcome = { changed: boolean; status: ServiceStatus };

/**
 * A server module: what a control panel (cPanel, Plesk, Proxmox, …) does to a service. Every call
 * is idempotent, so a retried job or a repeated dunning step has no second effect.
 * Issue 5 (services) extends it with create, change package, password reset, usage.
 */
export interface ProvisioningModule {
  /** Short name for logs and the audit log: "builtin", "proxmox", … */
  readonly name: string;
  /** Stops the service; suspending a suspended service changes nothing (and keeps its first reason). */
  suspend(service: ProvisionedService, reason: string, ctx?: ProvisioningContext): Promise<ProvisioningOutcome>;
  /** Brings a suspended service back; refuses a terminated one (`ProvisioningError` "terminated"). */
  unsuspend(service: ProvisionedService, ctx?: ProvisioningContext): Promise<ProvisioningOutcome>;
  /** Removes the service for good; terminating a terminated service changes nothing. */
  terminate(service: ProvisionedService, ctx?: ProvisioningContext): Promise<ProvisioningOutcome>;
}

export type ProvisioningErrorCode = "not_found" | "terminated" | "invalid_state" | "unavailable";

/** A call the module refused or could not make; `retryable` says whether trying again may succeed. */
export class ProvisioningError extends Error {
  constructor(
    readonly code: ProvisioningErrorCode,
    message: string,
    readonly retryable = code === "unavailable",
  ) {
    super(message);
    this.name = "ProvisioningError";
  }
}
