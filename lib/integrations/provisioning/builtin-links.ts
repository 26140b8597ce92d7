import "server-only";
import { db } from "@/lib/db";
import type { AuditAction } from "@/lib/audit/record-audit-event";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { buildTarGz } from "./builtin-archive";
import { ACCOUNT_BASE_DISK_MB } from "./builtin-runtime";
import { signPanelLink, verifyPanelLink } from "./builtin-secrets";

// The simulated panel's own pages (app/panel/**) check the links the module handed out. They are
// the panel's, not Portico's: no Portico session is needed or used; the signed token is the key.

/** How long the panel view opened by a single sign-on stays readable. */
export const PANEL_VIEW_TTL_SECONDS = 30 * 60;
const SSO_USED_ACTION = "services.panel.sso_used" satisfies AuditAction;
// Far longer than a token lives (60 s), so the used-token check sees every use of a live token.
const SSO_USED_LOOKBACK_MS = 10 * 60_000;

export type SsoResult = { ok: true; viewToken: string } | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "wrong_kind" | "used" | "unknown_account" | "suspended" };

/**
 * Signs in with a one-time SSO token: checks it, then records its id (jti) as used in the audit
 * log under a transaction-scoped advisory lock on the id, so two requests with the same token
 * cannot both pass. Returns a token for the read-only panel view.
 */
export async function consumeSsoToken(token: string | null, now = new Date()): Promise<SsoResult> {
  const check = verifyPanelLink(token, "sso", { now });
  if (!check.ok) return check;
  const { payload } = check;
  return db.$transaction(async (tx) => {
    const account = await tx.panelAccount.findUnique({ where: { id: payload.sub }, select: { id: true, suspended: true, serviceId: true, username: true, service: { select: { customerId: true } } } });
    if (!account) return { ok: false, reason: "unknown_account" } as const;
    if (account.suspended) return { ok: false, reason: "suspended" } as const;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`panel-sso:${payload.jti}`}, 0))`;
    const used = await tx.auditEvent.findFirst({
      where: { customerId: account.service.customerId, createdAt: { gte: new Date(now.getTime() - SSO_USED_LOOKBACK_MS) }, action: SSO_USED_ACTION, targetId: payload.jti },
      select: { id: true },
    });
    if (used) return { ok: false, reason: "used" } as const;
    await recordAuditEvent(
      { action: SSO_USED_ACTION, customerId: account.service.customerId, targetType: "panel_sso", targetId: payload.jti, data: { serviceId: account.serviceId, username: account.username } },
      tx,
    );
    const view = signPanelLink({ kind: "view", sub: account.id, ttlSeconds: PANEL_VIEW_TTL_SECONDS, now });
    return { ok: true, viewToken: view.token } as const;
  });
}

export type PanelView = {
  username: string;
  domain: string;
  packageName: string;
  serverHostname: string;
  suspended: boolean;
  diskMb: number;
  diskQuotaMb: number | null;
  counts: { ftp: number; databases: number; mailboxes: number; aliases: number; subdomains: number; backups: number };
  maxima: { ftp: number | null; databases: number | null; mailboxes: number | null; subdomains: number | null };
  expiresAt: Date;
};

/** What the panel landing page shows for a view token; null when the token is not (or no longer) good. */
export async function panelViewFor(token: string | null, now = new Date()): Promise<PanelView | null> {
  const check = verifyPanelLink(token, "view", { now });
  if (!check.ok) return null;
  const account = await db.panelAccount.findUnique({
    where: { id: check.payload.sub },
    select: {
      id: true,
      username: true,
      domain: true,
      packageName: true,
      suspended: true,
      diskQuotaMb: true,
      maxFtpAccounts: true,
      maxDatabases: true,
      maxMailboxes: true,
      maxSubdomains: true,
      server: { select: { hostname: true } },
      _count: { select: { ftpAccounts: true, databases: true, mailboxes: true, aliases: true, subdomains: true, backups: true } },
    },
  });
  if (!account) return null;
  const [databases, mailboxes] = await Promise.all([
    db.panelDatabase.aggregate({ where: { accountId: account.id }, _sum: { sizeMb: true } }),
    db.panelMailbox.aggregate({ where: { accountId: account.id }, _sum: { usedMb: true } }),
  ]);
  return {
    username: account.username,
    domain: account.domain,
    packageName: account.packageName,
    serverHostname: account.server.hostname,
    suspended: account.suspended,
    diskMb: ACCOUNT_BASE_DISK_MB + (databases._sum.sizeMb ?? 0) + (mailboxes._sum.usedMb ?? 0),
    diskQuotaMb: account.diskQuotaMb,
    counts: {
      ftp: account._count.ftpAccounts,
      databases: account._count.databases,
      mailboxes: account._count.mailboxes,
      aliases: account._count.aliases,
      subdomains: account._count.subdomains,
      backups: account._count.backups,
    },
    maxima: { ftp: account.maxFtpAccounts, databases: account.maxDatabases, mailboxes: account.maxMailboxes, subdomains: account.maxSubdomains },
    expiresAt: new Date(check.payload.exp * 1000),
  };
}

export type BackupDownload = { ok: true; filename: string; body: Buffer } | { ok: false; status: 403 | 404 };

/**
 * The archive behind a signed download link: the token must be a download token for exactly this
 * backup and not expired (403 otherwise); the backup must exist and be ready (404 otherwise).
 */
export async function backupDownloadFor(backupId: string, token: string | null, now = new Date()): Promise<BackupDownload> {
  const check = verifyPanelLink(token, "download", { now });
  if (!check.ok || check.payload.sub !== backupId) return { ok: false, status: 403 };
  const backup = await db.panelBackup.findUnique({
    where: { id: backupId },
    select: { id: true, status: true, kind: true, sizeMb: true, createdAt: true, completedAt: true, account: { select: { username: true, domain: true } } },
  });
  if (!backup || backup.status !== "ready") return { ok: false, status: 404 };
  const stamp = (backup.completedAt ?? backup.createdAt).toISOString().replace(/[-:]/g, "").slice(0, 15);
  const readme = [
    `Backup of ${backup.account.username} (${backup.account.domain})`,
    `Kind: ${backup.kind}`,
    `Taken: ${backup.createdAt.toISOString()}`,
    `Size on the panel: ${backup.sizeMb} MB`,
    "",
    "This archive comes from Portico's built-in simulated control panel: it stands for a real",
    "account backup and holds only this description.",
    "",
  ].join("\n");
  const body = buildTarGz([{ name: `backup-${backup.account.username}-${stamp}/README.txt`, content: readme }], backup.completedAt ?? backup.createdAt);
  return { ok: true, filename: `backup-${backup.account.username}-${stamp}.tar.gz`, body };
}
