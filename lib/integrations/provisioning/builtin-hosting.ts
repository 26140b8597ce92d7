import "server-only";
import type { PanelAccount, PanelBackup, PanelMailbox, Prisma } from "@/lib/generated/prisma/client";
import {
  databaseFullName,
  ftpLogin,
  isAcceptablePanelPassword,
  isValidDatabaseName,
  isValidEmailAddress,
  isValidFtpName,
  isValidMailLocalPart,
  isValidSubdomainLabel,
  normaliseHomeDirectory,
  parseAutoReplyUntil,
} from "./builtin-names";
import { type BuiltinOperation, type BuiltinRuntime, UUID_PATTERN, inPanelTransaction, invalid, lockAccount } from "./builtin-runtime";
import { hashPanelPassword, signPanelLink } from "./builtin-secrets";
import {
  ProvisioningError,
  type BackupInfo,
  type DatabaseInfo,
  type FtpAccountInfo,
  type HostingPanel,
  type MailAliasInfo,
  type MailboxInfo,
  type ProvisionedService,
  type SubdomainInfo,
} from "./provisioning-module";

/** How long a backup download link is valid. */
export const BACKUP_LINK_TTL_SECONDS = 15 * 60;
/** Most backups an account keeps; the oldest ready ones go first. */
export const MAX_BACKUPS_KEPT = 10;
// A fresh database holds its system tables.
const NEW_DATABASE_SIZE_MB = 1;

const toBackupInfo = (b: PanelBackup): BackupInfo => ({
  id: b.id,
  kind: b.kind,
  status: b.status,
  sizeMb: b.sizeMb,
  createdAt: b.createdAt,
  completedAt: b.completedAt,
  // While restoring, restoredAt holds the start of the restore (see settleBackups).
  restoredAt: b.status === "restoring" ? null : b.restoredAt,
});

const toMailboxInfo = (m: PanelMailbox): MailboxInfo => ({
  id: m.id,
  address: m.address,
  quotaMb: m.quotaMb,
  usedMb: m.usedMb,
  autoReply: { enabled: m.autoReplyEnabled, subject: m.autoReplySubject, body: m.autoReplyBody, until: m.autoReplyUntil ? m.autoReplyUntil.toISOString().slice(0, 10) : null },
  createdAt: m.createdAt,
});

function quotaReached(what: string, max: number | null, used: number) {
  if (max !== null && used >= max) throw new ProvisioningError("quota_exceeded", `the package allows ${max} ${what}`);
}

function nameTaken(what: string) {
  return new ProvisioningError("name_taken", `${what} is already taken on this server`);
}

/**
 * The hosting resources of the simulated panel (FTP, databases, mail, subdomains, backups). Each
 * change runs in its own transaction with the account row locked, so quota checks and inserts of
 * two concurrent requests happen one after the other; uniqueness per server is the database's
 * unique constraints (ON CONFLICT DO NOTHING → "name_taken").
 */
export class BuiltinHostingPanel implements HostingPanel {
  constructor(private readonly runtime: BuiltinRuntime) {}

  // ───── backups ─────

  async listBackups(service: ProvisionedService): Promise<BackupInfo[]> {
    const account = await this.runtime.accountForRead(this.runtime.client, service);
    await this.settleBackups(this.runtime.client, account.id);
    const rows = await this.runtime.client.panelBackup.findMany({ where: { accountId: account.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    return rows.map(toBackupInfo);
  }

  /** Starts a backup ("running"); it is "ready" after backupSeconds, sized like the account's disk use. */
  async createBackup(service: ProvisionedService): Promise<BackupInfo> {
    return this.change("createBackup", service, async (tx, account) => {
      await this.settleBackups(tx, account.id);
      const busy = await tx.panelBackup.count({ where: { accountId: account.id, status: { in: ["running", "restoring"] } } });
      if (busy) throw new ProvisioningError("invalid_state", "a backup or a restore is already running");
      const sizeMb = await this.runtime.diskUsedMb(tx, account.id);
      const backup = await tx.panelBackup.create({ data: { accountId: account.id, kind: "manual", status: "running", sizeMb, createdAt: this.runtime.now() } });
      // Rotation: like a panel with limited backup space, keep the newest MAX_BACKUPS_KEPT.
      const old = await tx.panelBackup.findMany({ where: { accountId: account.id, status: "ready" }, orderBy: { createdAt: "desc" }, skip: MAX_BACKUPS_KEPT - 1, select: { id: true } });
      if (old.length) await tx.panelBackup.deleteMany({ where: { id: { in: old.map((b) => b.id) } } });
      return toBackupInfo(backup);
    });
  }

  /** Puts a ready backup back ("restoring" → "ready" with restoredAt after backupSeconds). */
  async restoreBackup(service: ProvisionedService, backupId: string): Promise<BackupInfo> {
    return this.change("restoreBackup", service, async (tx, account) => {
      await this.settleBackups(tx, account.id);
      const backup = await this.owned(tx.panelBackup, account, backupId, "backup");
      if (backup.status !== "ready") throw new ProvisioningError("invalid_state", `backup ${backupId} is ${backup.status}, only a ready backup can be restored`);
      const busy = await tx.panelBackup.count({ where: { accountId: account.id, status: { in: ["running", "restoring"] } } });
      if (busy) throw new ProvisioningError("invalid_state", "a backup or a restore is already running");
      const updated = await tx.panelBackup.update({ where: { id: backup.id }, data: { status: "restoring", restoredAt: this.runtime.now() } });
      return toBackupInfo(updated);
    });
  }

  /** A signed link to /panel/backups/<id>/download, valid for 15 minutes; only for a ready backup. */
  async backupDownloadUrl(service: ProvisionedService, backupId: string): Promise<{ url: string; expiresAt: Date }> {
    const client = this.runtime.client;
    const account = await this.runtime.accountForRead(client, service);
    await this.settleBackups(client, account.id);
    const backup = await this.owned(client.panelBackup, account, backupId, "backup");
    if (backup.status !== "ready") throw new ProvisioningError("invalid_state", `backup ${backupId} is ${backup.status}, it cannot be downloaded yet`);
    const { token, payload } = signPanelLink({ kind: "download", sub: backup.id, ttlSeconds: BACKUP_LINK_TTL_SECONDS, now: this.runtime.now() });
    return { url: `${this.runtime.appUrl()}/panel/backups/${backup.id}/download?token=${encodeURIComponent(token)}`, expiresAt: new Date(payload.exp * 1000) };
  }

  /**
   * Finishes what has run long enough by the panel's clock: a running backup becomes ready (done
   * at createdAt + backupSeconds), a restore becomes ready (restoredAt = its start + backupSeconds).
   * Deterministic: no timers, the clock decides.
   */
  private async settleBackups(client: Prisma.TransactionClient, accountId: string): Promise<void> {
    const seconds = this.runtime.backupSeconds;
    const cutoff = new Date(this.runtime.now().getTime() - seconds * 1000);
    await client.$executeRaw`
      UPDATE "PanelBackup"
      SET "status" = 'ready', "completedAt" = "createdAt" + make_interval(secs => ${seconds})
      WHERE "accountId" = ${accountId}::uuid AND "status" = 'running' AND "createdAt" <= ${cutoff}::timestamp`;
    await client.$executeRaw`
      UPDATE "PanelBackup"
      SET "status" = 'ready', "restoredAt" = "restoredAt" + make_interval(secs => ${seconds})
      WHERE "accountId" = ${accountId}::uuid AND "status" = 'restoring' AND "restoredAt" <= ${cutoff}::timestamp`;
  }

  // ───── FTP ─────

  async listFtpAccounts(service: ProvisionedService): Promise<FtpAccountInfo[]> {
    const account = await this.runtime.accountForRead(this.runtime.client, service);
    const rows = await this.runtime.client.panelFtpAccount.findMany({ where: { accountId: account.id }, orderBy: [{ createdAt: "asc" }, { login: "asc" }] });
    return rows.map(({ id, login, directory, quotaMb, createdAt }) => ({ id, login, directory, quotaMb, createdAt }));
  }

  async createFtpAccount(service: ProvisionedService, input: { name: string; password: string; directory: string; quotaMb: number | null }): Promise<FtpAccountInfo> {
    const name = input.name.trim().toLowerCase();
    if (!isValidFtpName(name)) throw invalid(`"${input.name}" is not a valid FTP user name`);
    const directory = normaliseHomeDirectory(input.directory);
    if (!directory) throw invalid(`"${input.directory}" is not a directory inside the account`);
    if (input.quotaMb !== null && (!Number.isInteger(input.quotaMb) || input.quotaMb < 1)) throw invalid("the FTP quota must be a whole number of MB");
    this.checkPassword(input.password);
    return this.change("createFtpAccount", service, async (tx, account) => {
      quotaReached("FTP accounts", account.maxFtpAccounts, await tx.panelFtpAccount.count({ where: { accountId: account.id } }));
      if (input.quotaMb !== null && account.diskQuotaMb !== null && input.quotaMb > account.diskQuotaMb) throw new ProvisioningError("quota_exceeded", `the FTP quota cannot exceed the account's ${account.diskQuotaMb} MB`);
      const login = ftpLogin(name, account.domain);
      const passwordHash = await hashPanelPassword(input.password);
      const [row] = await tx.panelFtpAccount.createManyAndReturn({
        data: [{ accountId: account.id, serverId: account.serverId, login, passwordHash, directory, quotaMb: input.quotaMb, createdAt: this.runtime.now() }],
        skipDuplicates: true,
      });
      if (!row) throw nameTaken(`The FTP login ${login}`);
      return { id: row.id, login: row.login, directory: row.directory, quotaMb: row.quotaMb, createdAt: row.createdAt };
    });
  }

  async changeFtpPassword(service: ProvisionedService, ftpId: string, password: string): Promise<void> {
    this.checkPassword(password);
    await this.change("changeFtpPassword", service, async (tx, account) => {
      const ftp = await this.owned(tx.panelFtpAccount, account, ftpId, "FTP account");
      await tx.panelFtpAccount.update({ where: { id: ftp.id }, data: { passwordHash: await hashPanelPassword(password) } });
    });
  }

  async deleteFtpAccount(service: ProvisionedService, ftpId: string): Promise<void> {
    await this.change("deleteFtpAccount", service, async (tx, account) => {
      const ftp = await this.owned(tx.panelFtpAccount, account, ftpId, "FTP account");
      await tx.panelFtpAccount.delete({ where: { id: ftp.id } });
    });
  }

  // ───── databases ─────

  async listDatabases(service: ProvisionedService): Promise<DatabaseInfo[]> {
    const account = await this.runtime.accountForRead(this.runtime.client, service);
    const rows = await this.runtime.client.panelDatabase.findMany({ where: { accountId: account.id }, orderBy: [{ createdAt: "asc" }, { name: "asc" }] });
    return rows.map(({ id, name, dbUser, sizeMb, createdAt }) => ({ id, name, dbUser, sizeMb, createdAt }));
  }

  /** Creates "<username>_<name>" with a database user of the same name (as cPanel does). */
  async createDatabase(service: ProvisionedService, input: { name: string; password: string }): Promise<DatabaseInfo> {
    this.checkPassword(input.password);
    return this.change("createDatabase", service, async (tx, account) => {
      let name = input.name.trim().toLowerCase();
      // A name already carrying the prefix is taken as the full name, like panels accept both.
      if (name.startsWith(`${account.username}_`)) name = name.slice(account.username.length + 1);
      if (!isValidDatabaseName(account.username, name)) throw invalid(`"${input.name}" is not a valid database name (letters, digits, underscore; at most 64 characters with the "${account.username}_" prefix)`);
      quotaReached("databases", account.maxDatabases, await tx.panelDatabase.count({ where: { accountId: account.id } }));
      await this.checkDisk(tx, account, NEW_DATABASE_SIZE_MB);
      const full = databaseFullName(account.username, name);
      const passwordHash = await hashPanelPassword(input.password);
      const [row] = await tx.panelDatabase.createManyAndReturn({
        data: [{ accountId: account.id, serverId: account.serverId, name: full, dbUser: full.slice(0, 32), passwordHash, sizeMb: NEW_DATABASE_SIZE_MB, createdAt: this.runtime.now() }],
        skipDuplicates: true,
      });
      if (!row) throw nameTaken(`The database ${full}`);
      return { id: row.id, name: row.name, dbUser: row.dbUser, sizeMb: row.sizeMb, createdAt: row.createdAt };
    });
  }

  async changeDatabasePassword(service: ProvisionedService, databaseId: string, password: string): Promise<void> {
    this.checkPassword(password);
    await this.change("changeDatabasePassword", service, async (tx, account) => {
      const database = await this.owned(tx.panelDatabase, account, databaseId, "database");
      await tx.panelDatabase.update({ where: { id: database.id }, data: { passwordHash: await hashPanelPassword(password) } });
    });
  }

  async deleteDatabase(service: ProvisionedService, databaseId: string): Promise<void> {
    await this.change("deleteDatabase", service, async (tx, account) => {
      const database = await this.owned(tx.panelDatabase, account, databaseId, "database");
      await tx.panelDatabase.delete({ where: { id: database.id } });
    });
  }

  // ───── mail ─────

  async listMailboxes(service: ProvisionedService): Promise<MailboxInfo[]> {
    const account = await this.runtime.accountForRead(this.runtime.client, service);
    const rows = await this.runtime.client.panelMailbox.findMany({ where: { accountId: account.id }, orderBy: [{ createdAt: "asc" }, { address: "asc" }] });
    return rows.map(toMailboxInfo);
  }

  async createMailbox(service: ProvisionedService, input: { localPart: string; password: string; quotaMb: number | null }): Promise<MailboxInfo> {
    const localPart = input.localPart.trim().toLowerCase();
    if (!isValidMailLocalPart(localPart)) throw invalid(`"${input.localPart}" is not a valid mailbox name`);
    this.checkMailboxQuota(input.quotaMb);
    this.checkPassword(input.password);
    return this.change("createMailbox", service, async (tx, account) => {
      quotaReached("mailboxes", account.maxMailboxes, await tx.panelMailbox.count({ where: { accountId: account.id } }));
      if (input.quotaMb !== null && account.diskQuotaMb !== null && input.quotaMb > account.diskQuotaMb) throw new ProvisioningError("quota_exceeded", `a mailbox cannot be larger than the account's ${account.diskQuotaMb} MB`);
      await this.checkDisk(tx, account, 0);
      const address = `${localPart}@${account.domain}`;
      if (await tx.panelMailAlias.findUnique({ where: { source: address }, select: { id: true } })) throw nameTaken(`The address ${address}`);
      const passwordHash = await hashPanelPassword(input.password);
      const [row] = await tx.panelMailbox.createManyAndReturn({
        data: [{ accountId: account.id, address, passwordHash, quotaMb: input.quotaMb, createdAt: this.runtime.now() }],
        skipDuplicates: true,
      });
      if (!row) throw nameTaken(`The address ${address}`);
      return toMailboxInfo(row);
    });
  }

  async updateMailbox(
    service: ProvisionedService,
    mailboxId: string,
    input: { password?: string; quotaMb?: number | null; autoReply?: { enabled: boolean; subject: string | null; body: string | null; until: string | null } },
  ): Promise<MailboxInfo> {
    if (input.password !== undefined) this.checkPassword(input.password);
    if (input.quotaMb !== undefined) this.checkMailboxQuota(input.quotaMb);
    let autoReplyData: Prisma.PanelMailboxUpdateInput = {};
    if (input.autoReply) {
      const { enabled, subject, body, until } = input.autoReply;
      const untilDate = parseAutoReplyUntil(until);
      if (untilDate === "invalid") throw invalid(`"${until}" is not a date (YYYY-MM-DD)`);
      if (enabled && (!subject?.trim() || !body?.trim())) throw invalid("an enabled auto-responder needs a subject and a message");
      if ((subject?.length ?? 0) > 200 || (body?.length ?? 0) > 5000) throw invalid("the auto-responder's subject or message is too long");
      autoReplyData = { autoReplyEnabled: enabled, autoReplySubject: subject?.trim() || null, autoReplyBody: body?.trim() || null, autoReplyUntil: untilDate };
    }
    return this.change("updateMailbox", service, async (tx, account) => {
      const mailbox = await this.owned(tx.panelMailbox, account, mailboxId, "mailbox");
      if (input.quotaMb !== undefined && input.quotaMb !== null) {
        if (account.diskQuotaMb !== null && input.quotaMb > account.diskQuotaMb) throw new ProvisioningError("quota_exceeded", `a mailbox cannot be larger than the account's ${account.diskQuotaMb} MB`);
        if (input.quotaMb < mailbox.usedMb) throw new ProvisioningError("quota_exceeded", `the mailbox already holds ${mailbox.usedMb} MB`);
      }
      const updated = await tx.panelMailbox.update({
        where: { id: mailbox.id },
        data: {
          ...(input.password !== undefined ? { passwordHash: await hashPanelPassword(input.password) } : {}),
          ...(input.quotaMb !== undefined ? { quotaMb: input.quotaMb } : {}),
          ...autoReplyData,
        },
      });
      return toMailboxInfo(updated);
    });
  }

  async deleteMailbox(service: ProvisionedService, mailboxId: string): Promise<void> {
    await this.change("deleteMailbox", service, async (tx, account) => {
      const mailbox = await this.owned(tx.panelMailbox, account, mailboxId, "mailbox");
      await tx.panelMailbox.delete({ where: { id: mailbox.id } });
    });
  }

  async listAliases(service: ProvisionedService): Promise<MailAliasInfo[]> {
    const account = await this.runtime.accountForRead(this.runtime.client, service);
    const rows = await this.runtime.client.panelMailAlias.findMany({ where: { accountId: account.id }, orderBy: [{ createdAt: "asc" }, { source: "asc" }] });
    return rows.map(({ id, source, destination, createdAt }) => ({ id, source, destination, createdAt }));
  }

  /** A forwarder "<localPart>@<domain>" → any address; it may not shadow a mailbox or forward to itself. */
  async createAlias(service: ProvisionedService, input: { localPart: string; destination: string }): Promise<MailAliasInfo> {
    const localPart = input.localPart.trim().toLowerCase();
    const destination = input.destination.trim().toLowerCase();
    if (!isValidMailLocalPart(localPart)) throw invalid(`"${input.localPart}" is not a valid address name`);
    if (!isValidEmailAddress(destination)) throw invalid(`"${input.destination}" is not an email address`);
    return this.change("createAlias", service, async (tx, account) => {
      const source = `${localPart}@${account.domain}`;
      if (source === destination) throw invalid("an alias cannot forward to itself");
      if (await tx.panelMailbox.findUnique({ where: { address: source }, select: { id: true } })) throw nameTaken(`The address ${source}`);
      const [row] = await tx.panelMailAlias.createManyAndReturn({ data: [{ accountId: account.id, source, destination, createdAt: this.runtime.now() }], skipDuplicates: true });
      if (!row) throw nameTaken(`The address ${source}`);
      return { id: row.id, source: row.source, destination: row.destination, createdAt: row.createdAt };
    });
  }

  async deleteAlias(service: ProvisionedService, aliasId: string): Promise<void> {
    await this.change("deleteAlias", service, async (tx, account) => {
      const alias = await this.owned(tx.panelMailAlias, account, aliasId, "alias");
      await tx.panelMailAlias.delete({ where: { id: alias.id } });
    });
  }

  // ───── subdomains ─────

  async listSubdomains(service: ProvisionedService): Promise<SubdomainInfo[]> {
    const account = await this.runtime.accountForRead(this.runtime.client, service);
    const rows = await this.runtime.client.panelSubdomain.findMany({ where: { accountId: account.id }, orderBy: [{ createdAt: "asc" }, { fqdn: "asc" }] });
    return rows.map(({ id, fqdn, documentRoot, createdAt }) => ({ id, fqdn, documentRoot, createdAt }));
  }

  async createSubdomain(service: ProvisionedService, input: { label: string; documentRoot: string }): Promise<SubdomainInfo> {
    const label = input.label.trim().toLowerCase();
    if (!isValidSubdomainLabel(label)) throw invalid(`"${input.label}" is not a valid subdomain label`);
    if (label === "www" || label === "webmail" || label === "mail") throw new ProvisioningError("name_taken", `${label} is reserved by the panel`);
    const documentRoot = normaliseHomeDirectory(input.documentRoot);
    if (!documentRoot || documentRoot === "/") throw invalid(`"${input.documentRoot}" is not a directory inside the account`);
    return this.change("createSubdomain", service, async (tx, account) => {
      quotaReached("subdomains", account.maxSubdomains, await tx.panelSubdomain.count({ where: { accountId: account.id } }));
      const fqdn = `${label}.${account.domain}`;
      if (fqdn.length > 253) throw invalid(`${fqdn} is longer than a domain name may be`);
      const [row] = await tx.panelSubdomain.createManyAndReturn({ data: [{ accountId: account.id, fqdn, documentRoot, createdAt: this.runtime.now() }], skipDuplicates: true });
      if (!row) throw nameTaken(`The subdomain ${fqdn}`);
      return { id: row.id, fqdn: row.fqdn, documentRoot: row.documentRoot, createdAt: row.createdAt };
    });
  }

  async deleteSubdomain(service: ProvisionedService, subdomainId: string): Promise<void> {
    await this.change("deleteSubdomain", service, async (tx, account) => {
      const subdomain = await this.owned(tx.panelSubdomain, account, subdomainId, "subdomain");
      await tx.panelSubdomain.delete({ where: { id: subdomain.id } });
    });
  }

  // ───── shared ─────

  /** A change: the simulated outage and delay, then a transaction with the (unsuspended) account locked. */
  private async change<T>(operation: BuiltinOperation, service: ProvisionedService, fn: (tx: Prisma.TransactionClient, account: PanelAccount) => Promise<T>): Promise<T> {
    this.runtime.maybeFail(operation, service);
    await this.runtime.pause("hosting");
    return inPanelTransaction(this.runtime.client, async (tx) => {
      const found = await this.runtime.accountForRead(tx, service);
      await lockAccount(tx, found.id);
      // Read again under the lock: a suspension or package change that committed meanwhile counts.
      const account = await this.runtime.accountForChange(tx, service);
      return fn(tx, account);
    });
  }

  /** The resource `id` of this account; anything else (another account's, a malformed id) is "not_found". */
  private async owned<R>(delegate: { findFirst(args: { where: { id: string; accountId: string } }): Promise<R | null> }, account: PanelAccount, id: string, what: string): Promise<R> {
    const row = UUID_PATTERN.test(id) ? await delegate.findFirst({ where: { id, accountId: account.id } }) : null;
    if (!row) throw new ProvisioningError("not_found", `${what} ${id} does not exist on this account`);
    return row;
  }

  private checkPassword(password: string) {
    if (!isAcceptablePanelPassword(password)) throw invalid("the password does not meet the panel's rules (8–128 characters, at least two of lower case, upper case, digits, symbols)");
  }

  private checkMailboxQuota(quotaMb: number | null) {
    if (quotaMb !== null && (!Number.isInteger(quotaMb) || quotaMb < 1)) throw invalid("the mailbox quota must be a whole number of MB");
  }

  /** Refuses new data once the account's disk is full. */
  private async checkDisk(tx: Prisma.TransactionClient, account: PanelAccount, addingMb: number) {
    if (account.diskQuotaMb === null) return;
    const used = await this.runtime.diskUsedMb(tx, account.id);
    if (used + addingMb > account.diskQuotaMb || used >= account.diskQuotaMb) throw new ProvisioningError("quota_exceeded", `the account uses ${used} of ${account.diskQuotaMb} MB disk`);
  }
}
