import "server-only";
import { db } from "@/lib/db";
import { builtinPanelDelayMs, getEnv } from "@/lib/env";
import type { PanelAccount, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ProvisioningError, type AccountInfo, type ProvisionedService } from "./provisioning-module";

/** Every call of the simulated panel that can be made to fail (failureRate, failTimes). */
export type BuiltinOperation =
  | "create"
  | "suspend"
  | "unsuspend"
  | "terminate"
  | "changePackage"
  | "resetPassword"
  | "setServicePassword"
  | "ssoUrl"
  | "createBackup"
  | "restoreBackup"
  | "createFtpAccount"
  | "changeFtpPassword"
  | "deleteFtpAccount"
  | "createDatabase"
  | "changeDatabasePassword"
  | "deleteDatabase"
  | "createMailbox"
  | "updateMailbox"
  | "deleteMailbox"
  | "createAlias"
  | "deleteAlias"
  | "createSubdomain"
  | "deleteSubdomain";

export type BuiltinProvisioningOptions = {
  /** Share of calls (0–1) that fail with a retryable "unavailable" error (default: PROVISIONING_BUILTIN_FAILURE_RATE). */
  failureRate?: number;
  /** The dice for failureRate (tests pass a fixed one). */
  random?: () => number;
  /** Deterministic failures for tests: the next N calls of each named operation fail with "unavailable". */
  failTimes?: Partial<Record<BuiltinOperation, number>>;
  /** How long a lifecycle call takes (default: PROVISIONING_BUILTIN_DELAY_MS, 300 ms; 0 in tests). Not applied inside a caller's transaction. */
  delayMs?: number;
  /** How long a hosting-resource call takes (default: a third of delayMs). */
  hostingDelayMs?: number;
  /** How long a backup or a restore runs before it is done (default 20 s). */
  backupSeconds?: number;
  /** The panel's clock (backups finish by it; tests move it). */
  clock?: () => Date;
  /** The client used when a call brings no transaction. */
  client?: PrismaClient;
  /** Base URL of the links the panel hands out (default APP_URL). */
  appUrl?: string;
};

/** Disk an empty account already uses (system files, the default site), MB. */
export const ACCOUNT_BASE_DISK_MB = 64;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shared state and rules of one BuiltinProvisioningModule instance (lifecycle and hosting calls). */
export class BuiltinRuntime {
  readonly client: PrismaClient;
  readonly backupSeconds: number;
  private readonly failureRate: number | undefined;
  private readonly random: () => number;
  private readonly failTimes: Partial<Record<BuiltinOperation, number>>;
  private readonly delayMs: number | undefined;
  private readonly hostingDelayMs: number | undefined;
  private readonly clock: () => Date;
  private readonly appUrlOverride: string | undefined;

  constructor(options: BuiltinProvisioningOptions) {
    this.client = options.client ?? db;
    this.failureRate = options.failureRate === undefined ? undefined : Math.min(1, Math.max(0, options.failureRate));
    this.random = options.random ?? Math.random;
    this.failTimes = { ...options.failTimes };
    this.delayMs = options.delayMs;
    this.hostingDelayMs = options.hostingDelayMs;
    this.backupSeconds = options.backupSeconds ?? 20;
    this.clock = options.clock ?? (() => new Date());
    this.appUrlOverride = options.appUrl;
  }

  now(): Date {
    return this.clock();
  }

  appUrl(): string {
    return (this.appUrlOverride ?? getEnv().APP_URL).replace(/\/+$/, "");
  }

  /** Throws the simulated outage: first the scripted failTimes, then the failure rate's dice. */
  maybeFail(operation: BuiltinOperation, service: ProvisionedService): void {
    const scripted = this.failTimes[operation] ?? 0;
    if (scripted > 0) {
      this.failTimes[operation] = scripted - 1;
      throw new ProvisioningError("unavailable", `builtin control panel: simulated failure of ${operation} for service ${service.id}`);
    }
    const rate = this.failureRate ?? getEnv().PROVISIONING_BUILTIN_FAILURE_RATE;
    if (rate > 0 && this.random() < rate) {
      throw new ProvisioningError("unavailable", `builtin control panel: simulated failure of ${operation} for service ${service.id}`);
    }
  }

  /** A real panel takes its time; inside a caller's transaction (dunning) we do not hold locks for show. */
  async pause(kind: "lifecycle" | "hosting", inTransaction = false): Promise<void> {
    if (inTransaction) return;
    const lifecycle = this.delayMs ?? builtinPanelDelayMs(getEnv());
    const ms = kind === "lifecycle" ? lifecycle : (this.hostingDelayMs ?? Math.round(lifecycle / 3));
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * The account of `service`, for a call that changes it: refuses a missing account ("not_found"),
   * a terminated service ("terminated") and a suspended account ("suspended").
   */
  async accountForChange(client: Prisma.TransactionClient, service: ProvisionedService): Promise<PanelAccount> {
    const account = await this.accountForRead(client, service);
    if (account.suspended) throw new ProvisioningError("suspended", `the control-panel account ${account.username} is suspended`);
    return account;
  }

  /** The account of `service` for reading; "terminated" or "not_found" when there is none. */
  async accountForRead(client: Prisma.TransactionClient, service: ProvisionedService): Promise<PanelAccount> {
    if (!UUID_PATTERN.test(service.id)) throw new ProvisioningError("not_found", `service ${service.id} has no control-panel account`);
    const account = await client.panelAccount.findUnique({ where: { serviceId: service.id } });
    if (account) return account;
    const row = await client.service.findUnique({ where: { id: service.id }, select: { status: true, terminatedAt: true } });
    if (row && (row.terminatedAt || row.status === "terminated")) throw new ProvisioningError("terminated", `service ${service.id} is terminated`);
    throw new ProvisioningError("not_found", `service ${service.id} has no control-panel account`);
  }

  async accountInfoOf(client: Prisma.TransactionClient, account: PanelAccount): Promise<AccountInfo> {
    const server = await client.server.findUniqueOrThrow({ where: { id: account.serverId }, select: { hostname: true } });
    return {
      username: account.username,
      domain: account.domain,
      serverHostname: server.hostname,
      controlPanelUrl: `https://${server.hostname}:2083`,
      webmailUrl: `https://webmail.${account.domain}`,
      suspended: account.suspended,
      packageName: account.packageName,
    };
  }

  /** Disk in use: the base, the databases and the mailboxes (backups live elsewhere and do not count). */
  async diskUsedMb(client: Prisma.TransactionClient, accountId: string): Promise<number> {
    const [databases, mailboxes] = await Promise.all([
      client.panelDatabase.aggregate({ where: { accountId }, _sum: { sizeMb: true } }),
      client.panelMailbox.aggregate({ where: { accountId }, _sum: { usedMb: true } }),
    ]);
    return ACCOUNT_BASE_DISK_MB + (databases._sum.sizeMb ?? 0) + (mailboxes._sum.usedMb ?? 0);
  }
}

/** Runs `fn` in the caller's transaction, or in a new one with the account row locked (quota checks then see a stable count). */
export async function inPanelTransaction<T>(client: PrismaClient, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return client.$transaction(fn, { maxWait: 10_000, timeout: 20_000 });
}

/** Locks the account row so concurrent creates of the same account count their quota one after the other. */
export async function lockAccount(tx: Prisma.TransactionClient, accountId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "PanelAccount" WHERE "id" = ${accountId}::uuid FOR UPDATE`;
}

export function invalid(message: string): ProvisioningError {
  return new ProvisioningError("invalid_input", message);
}
