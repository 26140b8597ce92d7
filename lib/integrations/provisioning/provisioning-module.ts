import "server-only";
import type { Prisma, ServiceStatus } from "@/lib/generated/prisma/client";

/** What a module needs to know about the service it acts on. */
export type ProvisionedService = { id: string; kind?: string; serverId?: string | null };

/**
 * `tx`: a module that keeps its state in Postgres (the built-in one) joins the caller's
 * transaction, so the service's new state commits with the change that caused it. A module that
 * talks to an outside control panel ignores it: it runs from a job, never inside a transaction.
 */
export type ProvisioningContext = { tx?: Prisma.TransactionClient; now?: Date };

/** `changed` is false when the service already was in the requested state (calls are idempotent). */
export type ProvisioningOutcome = { changed: boolean; status: ServiceStatus };

/** A package on the control panel with the quotas it enforces (null: unlimited). */
export type PackageSpec = {
  packageName: string;
  diskQuotaMb: number | null;
  bandwidthQuotaMb: number | null;
  maxFtpAccounts: number | null;
  maxDatabases: number | null;
  maxMailboxes: number | null;
  maxSubdomains: number | null;
};

export type CreateAccountSpec = {
  serverId: string;
  /** Primary domain of the account (hosting); modules that have none use the service id. */
  domain: string;
  /** The module derives a free username from it (lower-case letters and digits, up to 16). */
  usernameHint: string;
  /** Plain text only in memory: the module stores a hash, the caller emails it once. */
  password: string;
  package: PackageSpec;
};

/** What the account looks like on the panel after create (or when it already existed). */
export type AccountInfo = {
  username: string;
  domain: string;
  serverHostname: string;
  controlPanelUrl: string;
  webmailUrl: string;
  suspended: boolean;
  packageName: string;
};

/** `created` is false when the account already existed (a retried create changes nothing). */
export type CreateOutcome = AccountInfo & { created: boolean };

export type UsageSnapshot = {
  diskMb: number;
  bandwidthMb: number;
  diskQuotaMb: number | null;
  bandwidthQuotaMb: number | null;
};

export type BackupInfo = { id: string; kind: string; status: "running" | "ready" | "restoring" | "failed"; sizeMb: number; createdAt: Date; completedAt: Date | null; restoredAt: Date | null };
export type FtpAccountInfo = { id: string; login: string; directory: string; quotaMb: number | null; createdAt: Date };
export type DatabaseInfo = { id: string; name: string; dbUser: string; sizeMb: number; createdAt: Date };
export type MailboxInfo = {
  id: string;
  address: string;
  quotaMb: number | null;
  usedMb: number;
  autoReply: { enabled: boolean; subject: string | null; body: string | null; until: string | null };
  createdAt: Date;
};
export type MailAliasInfo = { id: string; source: string; destination: string; createdAt: Date };
export type SubdomainInfo = { id: string; fqdn: string; documentRoot: string; createdAt: Date };

/**
 * The hosting resources of one account (a cPanel/Plesk/DirectAdmin-like panel). Every method takes
 * the Portico service; the module finds its account. Names and paths are validated by the caller
 * (lib/services) with the shared zod schemas AND by the module (a panel enforces its own rules:
 * uniqueness on the server, quotas, a suspended account refuses changes). Failures are
 * ProvisioningError with a code the UI can explain.
 */
export interface HostingPanel {
  listBackups(service: ProvisionedService): Promise<BackupInfo[]>;
  createBackup(service: ProvisionedService): Promise<BackupInfo>;
  restoreBackup(service: ProvisionedService, backupId: string): Promise<BackupInfo>;
  /** A short-lived signed download link. */
  backupDownloadUrl(service: ProvisionedService, backupId: string): Promise<{ url: string; expiresAt: Date }>;

  listFtpAccounts(service: ProvisionedService): Promise<FtpAccountInfo[]>;
  createFtpAccount(service: ProvisionedService, input: { name: string; password: string; directory: string; quotaMb: number | null }): Promise<FtpAccountInfo>;
  changeFtpPassword(service: ProvisionedService, ftpId: string, password: string): Promise<void>;
  deleteFtpAccount(service: ProvisionedService, ftpId: string): Promise<void>;

  listDatabases(service: ProvisionedService): Promise<DatabaseInfo[]>;
  createDatabase(service: ProvisionedService, input: { name: string; password: string }): Promise<DatabaseInfo>;
  changeDatabasePassword(service: ProvisionedService, databaseId: string, password: string): Promise<void>;
  deleteDatabase(service: ProvisionedService, databaseId: string): Promise<void>;

  listMailboxes(service: ProvisionedService): Promise<MailboxInfo[]>;
  createMailbox(service: ProvisionedService, input: { localPart: string; password: string; quotaMb: number | null }): Promise<MailboxInfo>;
  updateMailbox(
    service: ProvisionedService,
    mailboxId: string,
    input: { password?: string; quotaMb?: number | null; autoReply?: { enabled: boolean; subject: string | null; body: string | null; until: string | null } },
  ): Promise<MailboxInfo>;
  deleteMailbox(service: ProvisionedService, mailboxId: string): Promise<void>;

  listAliases(service: ProvisionedService): Promise<MailAliasInfo[]>;
  createAlias(service: ProvisionedService, input: { localPart: string; destination: string }): Promise<MailAliasInfo>;
  deleteAlias(service: ProvisionedService, aliasId: string): Promise<void>;

  listSubdomains(service: ProvisionedService): Promise<SubdomainInfo[]>;
  createSubdomain(service: ProvisionedService, input: { label: string; documentRoot: string }): Promise<SubdomainInfo>;
  deleteSubdomain(service: ProvisionedService, subdomainId: string): Promise<void>;
}

/**
 * A server module: what a control panel (cPanel, Plesk, Proxmox, …) does to a service. Every
 * lifecycle call is idempotent, so a retried job or a repeated dunning step has no second effect.
 * Lifecycle calls (create, suspend, unsuspend, terminate, change package, reset password) run from
 * provisioning jobs (lib/services/provisioning-jobs.ts) with retries; dunning calls suspend/
 * unsuspend/terminate of the built-in module inside its transaction (it only writes Postgres).
 */
export interface ProvisioningModule {
  /** Short name for logs and the audit log: "builtin", "proxmox", … */
  readonly name: string;
  /** Creates the account; a second call for the same service returns the existing one (`created: false`). */
  create(service: ProvisionedService, spec: CreateAccountSpec, ctx?: ProvisioningContext): Promise<CreateOutcome>;
  /** Stops the service; suspending a suspended service changes nothing (and keeps its first reason). */
  suspend(service: ProvisionedService, reason: string, ctx?: ProvisioningContext): Promise<ProvisioningOutcome>;
  /** Brings a suspended service back; refuses a terminated one (`ProvisioningError` "terminated"). */
  unsuspend(service: ProvisionedService, ctx?: ProvisioningContext): Promise<ProvisioningOutcome>;
  /** Removes the service for good; terminating a terminated service changes nothing. */
  terminate(service: ProvisionedService, ctx?: ProvisioningContext): Promise<ProvisioningOutcome>;
  /** Moves the account to another package; the same package again changes nothing. */
  changePackage(service: ProvisionedService, pkg: PackageSpec, ctx?: ProvisioningContext): Promise<{ changed: boolean }>;
  /** Sets a new account password (the caller shows or emails it once). */
  resetPassword(service: ProvisionedService, password: string, ctx?: ProvisioningContext): Promise<void>;
  /**
   * Sets a password the customer chose for the service's own login (a VPN access service's
   * password, changed on /account/security). The caller has checked Portico's password policy; the
   * module keeps only a hash and may refuse with "invalid_input" (its own rules), "suspended" or "not_found".
   */
  setServicePassword(service: ProvisionedService, password: string, ctx?: ProvisioningContext): Promise<void>;
  /** A one-time single-sign-on link into the control panel, valid for a minute or so. */
  ssoUrl(service: ProvisionedService, ctx?: ProvisioningContext): Promise<{ url: string; expiresAt: Date }>;
  /** The account as the panel sees it; null when it does not exist (yet). */
  accountInfo(service: ProvisionedService): Promise<AccountInfo | null>;
  /** Current disk and bandwidth use (this month) against the quotas. */
  usage(service: ProvisionedService): Promise<UsageSnapshot>;
  /** Hosting resources; absent for modules without them (a VPS or housing module). */
  readonly hosting?: HostingPanel;
  /** Call records and traffic counters for the hourly usage pull; absent for modules without them. */
  readonly usageFeed?: UsageFeed;
}

export type PulledCall = {
  /** The switch's call id: unique per service (CallRecord @@unique([serviceId, externalId])). */
  externalId: string;
  startedAt: Date;
  fromNumber: string;
  toNumber: string;
  direction: "inbound" | "outbound";
  durationSec: number;
  costMinor: bigint;
  currency: string;
};

export type PulledTraffic = { address: string; hour: Date; inBytes: bigint; outBytes: bigint };

/**
 * What a module that knows calls or traffic offers.
 * Only whole hours are reported: [since, until) is rounded down to hours by the module.
 */
export interface UsageFeed {
  callRecords(service: ProvisionedService, since: Date, until: Date): Promise<PulledCall[]>;
  trafficSamples(service: ProvisionedService, addresses: readonly string[], since: Date, until: Date): Promise<PulledTraffic[]>;
}


export type ProvisioningErrorCode =
  | "not_found"
  | "terminated"
  | "invalid_state"
  | "unavailable"
  | "suspended"
  | "quota_exceeded"
  | "name_taken"
  | "invalid_input";

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
