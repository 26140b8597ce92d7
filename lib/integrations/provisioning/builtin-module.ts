import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ProvisioningError, type ProvisionedService, type ProvisioningContext, type ProvisioningModule, type ProvisioningOutcome } from "./provisioning-module";

export type BuiltinProvisioningOptions = {
  /** Share of calls (0–1) that fail with a retryable "unavailable" error, to exercise retries in tests. */
  failureRate?: number;
  /** The dice for failureRate (tests pass a fixed one). */
  random?: () => number;
  /** The client used when a call brings no transaction. */
  client?: Prisma.TransactionClient;
};

/**
 * The simulated control panel of the demo and the tests (DESIGN §9): its whole state is the
 * Service row (status, suspendReason, suspendedAt, terminatedAt). Each call is one conditional
 * UPDATE, so it is atomic on its own and joins the caller's transaction when given one.
 */
export class BuiltinProvisioningModule implements ProvisioningModule {
  readonly name = "builtin";
  private readonly failureRate: number;
  private readonly random: () => number;
  private readonly client: Prisma.TransactionClient;

  constructor(options: BuiltinProvisioningOptions = {}) {
    this.failureRate = Math.min(1, Math.max(0, options.failureRate ?? 0));
    this.random = options.random ?? Math.random;
    this.client = options.client ?? db;
  }

  async suspend(service: ProvisionedService, reason: string, ctx: ProvisioningContext = {}): Promise<ProvisioningOutcome> {
    this.maybeFail("suspend", service);
    const client = ctx.tx ?? this.client;
    const { count } = await client.service.updateMany({
      where: { id: service.id, status: "active" },
      data: { status: "suspended", suspendReason: reason, suspendedAt: ctx.now ?? new Date() },
    });
    if (count === 1) return { changed: true, status: "suspended" };
    const status = await this.statusOf(client, service);
    if (status === "suspended") return { changed: false, status };
    throw new ProvisioningError(status === "terminated" ? "terminated" : "invalid_state", `service ${service.id} is ${status}, cannot suspend it`);
  }

  async unsuspend(service: ProvisionedService, ctx: ProvisioningContext = {}): Promise<ProvisioningOutcome> {
    this.maybeFail("unsuspend", service);
    const client = ctx.tx ?? this.client;
    const { count } = await client.service.updateMany({
      where: { id: service.id, status: "suspended", terminatedAt: null },
      data: { status: "active", suspendReason: null, suspendedAt: null },
    });
    if (count === 1) return { changed: true, status: "active" };
    const status = await this.statusOf(client, service);
    if (status === "active") return { changed: false, status };
    throw new ProvisioningError(status === "terminated" ? "terminated" : "invalid_state", `service ${service.id} is ${status}, cannot unsuspend it`);
  }

  async terminate(service: ProvisionedService, ctx: ProvisioningContext = {}): Promise<ProvisioningOutcome> {
    this.maybeFail("terminate", service);
    const client = ctx.tx ?? this.client;
    const { count } = await client.service.updateMany({
      where: { id: service.id, status: { in: ["active", "suspended"] } },
      data: { status: "terminated", terminatedAt: ctx.now ?? new Date() },
    });
    if (count === 1) return { changed: true, status: "terminated" };
    const status = await this.statusOf(client, service);
    if (status === "terminated") return { changed: false, status };
    throw new ProvisioningError("invalid_state", `service ${service.id} is ${status}, cannot terminate it`);
  }

  private maybeFail(operation: string, service: ProvisionedService) {
    if (this.failureRate > 0 && this.random() < this.failureRate) {
      throw new ProvisioningError("unavailable", `builtin control panel: simulated failure of ${operation} for service ${service.id}`);
    }
  }

  private async statusOf(client: Prisma.TransactionClient, service: ProvisionedService) {
    const row = await client.service.findUnique({ where: { id: service.id }, select: { status: true, terminatedAt: true } });
    if (!row) throw new ProvisioningError("not_found", `service ${service.id} does not exist`);
    return row.terminatedAt ? "terminated" : row.status;
  }
}
