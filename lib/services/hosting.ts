import "server-only";
import { type Actor, can } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import type { BackupInfo, DatabaseInfo, FtpAccountInfo, SubdomainInfo } from "@/lib/integrations/provisioning";
import { type HostingOptions, type HostingView, HostingError, assertBelowLimit, changeHosting, readHosting } from "./hosting-access";
import {
  type BackupInput,
  type CreateDatabaseInput,
  type CreateFtpValues,
  type CreateSubdomainValues,
  type DatabaseInput,
  type DatabasePasswordInput,
  type FtpInput,
  type FtpPasswordInput,
  type ServiceInput,
  type SubdomainInput,
  backupInputSchema,
  createDatabaseSchema,
  createFtpSchema,
  createSubdomainSchema,
  databaseInputSchema,
  databasePasswordSchema,
  ftpInputSchema,
  ftpPasswordSchema,
  serviceInputSchema,
  subdomainInputSchema,
} from "./hosting-schemas";

// The hosting tools of a customer's service page: backups, FTP accounts, databases and subdomains
// (mail is in hosting-mail.ts). Reads need services.view, changes services.manage, both on the
// service's own customer; every call goes through the service's provisioning module. Inputs are
// parsed again here with the forms' schemas, whoever calls.

export { HostingError, type HostingOptions, type HostingService, type HostingView } from "./hosting-access";

// ───── backups ─────

export function getHostingBackups(actor: Actor, serviceId: string, opts: HostingOptions = {}): Promise<HostingView<BackupInfo[]> | null> {
  return readHosting(actor, serviceId, ({ panel, target }) => panel.listBackups(target), opts);
}

export async function createHostingBackup(actor: Actor, input: ServiceInput, opts: HostingOptions = {}): Promise<BackupInfo> {
  const { serviceId } = serviceInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "backup.create",
    async ({ panel, target }) => {
      const backup = await panel.createBackup(target);
      return { result: backup, audit: { resourceId: backup.id, data: {} } };
    },
    opts,
  );
}

/** Puts a ready backup back over the account's files, databases and mail (the page asked first). */
export async function restoreHostingBackup(actor: Actor, input: BackupInput, opts: HostingOptions = {}): Promise<BackupInfo> {
  const { serviceId, backupId } = backupInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "backup.restore",
    async ({ panel, target }) => {
      const backup = await panel.restoreBackup(target, backupId);
      return { result: backup, audit: { resourceId: backup.id, data: { backupCreatedAt: backup.createdAt.toISOString() } } };
    },
    opts,
  );
}

/**
 * A short-lived download link of a ready backup. A backup holds the whole account (mail, database
 * dumps), so the link needs services.manage like a change, and it is audited.
 */
export async function hostingBackupDownloadLink(actor: Actor, input: BackupInput, opts: HostingOptions = {}): Promise<{ url: string; expiresAt: Date }> {
  const { serviceId, backupId } = backupInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "backup.download",
    async ({ panel, target }) => {
      const link = await panel.backupDownloadUrl(target, backupId);
      return { result: link, audit: { resourceId: backupId, data: { expiresAt: link.expiresAt.toISOString() } } };
    },
    opts,
  );
}

// ───── FTP ─────

export function getHostingFtpAccounts(actor: Actor, serviceId: string, opts: HostingOptions = {}): Promise<HostingView<FtpAccountInfo[]> | null> {
  return readHosting(actor, serviceId, ({ panel, target }) => panel.listFtpAccounts(target), opts);
}

export async function createHostingFtpAccount(actor: Actor, input: CreateFtpValues, opts: HostingOptions = {}): Promise<FtpAccountInfo> {
  const { serviceId, name, password, directory, quotaMb } = createFtpSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "ftp.create",
    async ({ panel, target, service }) => {
      assertBelowLimit((await panel.listFtpAccounts(target)).length, service.limits.ftpAccounts, "errors.ftpLimit");
      if (quotaMb !== null && service.limits.diskMb !== null && quotaMb > service.limits.diskMb) throw new HostingError("errors.quotaAboveDisk", "quotaMb");
      const ftp = await panel.createFtpAccount(target, { name, password, directory, quotaMb });
      return { result: ftp, audit: { resourceId: ftp.id, data: { login: ftp.login, directory: ftp.directory, quotaMb: ftp.quotaMb } } };
    },
    opts,
  );
}

async function ftpAccountOf(list: Promise<FtpAccountInfo[]>, ftpId: string): Promise<FtpAccountInfo> {
  const ftp = (await list).find((f) => f.id === ftpId);
  if (!ftp) throw new HostingError("errors.resourceGone");
  return ftp;
}

export async function changeHostingFtpPassword(actor: Actor, input: FtpPasswordInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, ftpId, password } = ftpPasswordSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "ftp.password",
    async ({ panel, target }) => {
      const ftp = await ftpAccountOf(panel.listFtpAccounts(target), ftpId);
      await panel.changeFtpPassword(target, ftp.id, password);
      return { result: undefined, audit: { resourceId: ftp.id, data: { login: ftp.login } } };
    },
    opts,
  );
}

export async function deleteHostingFtpAccount(actor: Actor, input: FtpInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, ftpId } = ftpInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "ftp.delete",
    async ({ panel, target }) => {
      const ftp = await ftpAccountOf(panel.listFtpAccounts(target), ftpId);
      await panel.deleteFtpAccount(target, ftp.id);
      return { result: undefined, audit: { resourceId: ftp.id, data: { login: ftp.login } } };
    },
    opts,
  );
}

// ───── databases ─────

export function getHostingDatabases(actor: Actor, serviceId: string, opts: HostingOptions = {}): Promise<HostingView<DatabaseInfo[]> | null> {
  return readHosting(actor, serviceId, ({ panel, target }) => panel.listDatabases(target), opts);
}

/** Creates "<username>_<name>" with a database user of the same name. */
export async function createHostingDatabase(actor: Actor, input: CreateDatabaseInput, opts: HostingOptions = {}): Promise<DatabaseInfo> {
  const { serviceId, name, password } = createDatabaseSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "database.create",
    async ({ panel, target, service }) => {
      assertBelowLimit((await panel.listDatabases(target)).length, service.limits.databases, "errors.databaseLimit");
      const database = await panel.createDatabase(target, { name, password });
      return { result: database, audit: { resourceId: database.id, data: { name: database.name, dbUser: database.dbUser } } };
    },
    opts,
  );
}

async function databaseOf(list: Promise<DatabaseInfo[]>, databaseId: string): Promise<DatabaseInfo> {
  const database = (await list).find((d) => d.id === databaseId);
  if (!database) throw new HostingError("errors.resourceGone");
  return database;
}

export async function changeHostingDatabasePassword(actor: Actor, input: DatabasePasswordInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, databaseId, password } = databasePasswordSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "database.password",
    async ({ panel, target }) => {
      const database = await databaseOf(panel.listDatabases(target), databaseId);
      await panel.changeDatabasePassword(target, database.id, password);
      return { result: undefined, audit: { resourceId: database.id, data: { name: database.name, dbUser: database.dbUser } } };
    },
    opts,
  );
}

export async function deleteHostingDatabase(actor: Actor, input: DatabaseInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, databaseId } = databaseInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "database.delete",
    async ({ panel, target }) => {
      const database = await databaseOf(panel.listDatabases(target), databaseId);
      await panel.deleteDatabase(target, database.id);
      return { result: undefined, audit: { resourceId: database.id, data: { name: database.name } } };
    },
    opts,
  );
}

// ───── subdomains and DNS ─────

/** The customer's domain that holds the service's domain (itself or a parent), for the DNS link. */
export type DnsZoneLink = { domainId: string; name: string } | null;

export type SubdomainsData = { subdomains: SubdomainInfo[]; dns: DnsZoneLink; canViewDomains: boolean };

/** The domain names that may hold `fqdn`'s zone: itself and its parents down to two labels. */
function zoneCandidates(fqdn: string): string[] {
  const labels = fqdn.toLowerCase().replace(/\.$/, "").split(".").filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join("."));
  return out;
}

export async function dnsZoneOf(actor: Actor, customerId: string, domain: string | null): Promise<DnsZoneLink> {
  if (!domain || !can(actor, "domains.view")) return null;
  const names = zoneCandidates(domain);
  if (!names.length) return null;
  const domains = await db.domain.findMany({ where: { customerId, name: { in: names } }, select: { id: true, name: true } });
  // The most specific zone wins ("shop.acme.vn" registered on its own before "acme.vn").
  const best = domains.sort((a, b) => b.name.length - a.name.length)[0];
  return best ? { domainId: best.id, name: best.name } : null;
}

export function getHostingSubdomains(actor: Actor, serviceId: string, opts: HostingOptions = {}): Promise<HostingView<SubdomainsData> | null> {
  return readHosting(
    actor,
    serviceId,
    async ({ panel, target, row, customerId }) => {
      const [subdomains, dns] = await Promise.all([panel.listSubdomains(target), dnsZoneOf(actor, customerId, row.domain)]);
      return { subdomains, dns, canViewDomains: can(actor, "domains.view") };
    },
    opts,
  );
}

export async function createHostingSubdomain(actor: Actor, input: CreateSubdomainValues, opts: HostingOptions = {}): Promise<SubdomainInfo> {
  const { serviceId, label, documentRoot } = createSubdomainSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "subdomain.create",
    async ({ panel, target, service }) => {
      assertBelowLimit((await panel.listSubdomains(target)).length, service.limits.subdomains, "errors.subdomainLimit");
      const subdomain = await panel.createSubdomain(target, { label, documentRoot });
      return { result: subdomain, audit: { resourceId: subdomain.id, data: { fqdn: subdomain.fqdn, documentRoot: subdomain.documentRoot } } };
    },
    opts,
  );
}

export async function deleteHostingSubdomain(actor: Actor, input: SubdomainInput, opts: HostingOptions = {}): Promise<void> {
  const { serviceId, subdomainId } = subdomainInputSchema.parse(input);
  return changeHosting(
    actor,
    serviceId,
    "subdomain.delete",
    async ({ panel, target }) => {
      const subdomain = (await panel.listSubdomains(target)).find((s) => s.id === subdomainId);
      if (!subdomain) throw new HostingError("errors.resourceGone");
      await panel.deleteSubdomain(target, subdomain.id);
      return { result: undefined, audit: { resourceId: subdomain.id, data: { fqdn: subdomain.fqdn } } };
    },
    opts,
  );
}
