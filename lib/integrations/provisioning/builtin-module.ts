import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deriveUsernameBase, isAcceptablePanelPassword, isValidDomain, usernameCandidate } from "./builtin-names";
import { BuiltinHostingPanel } from "./builtin-hosting";
import { BuiltinUsageFeed } from "./builtin-usage";
import { BuiltinRuntime, type BuiltinProvisioningOptions, invalid } from "./builtin-runtime";
import { hashPanelPassword, signPanelLink } from "./builtin-secrets";
import {
  ProvisioningError,
  type AccountInfo,
  type CreateAccountSpec,
  type CreateOutcome,
  type PackageSpec,
  type ProvisionedService,
  type ProvisioningContext,
  type ProvisioningModule,
  type ProvisioningOutcome,
  type UsageSnapshot,
} from "./provisioning-module";

export type { BuiltinOperation, BuiltinProvisioningOptions } from "./builtin-runtime";

/** How long a single-sign-on link into the panel is valid. */
export const SSO_LINK_TTL_SECONDS = 60;
// Enough candidates for any realistic clash ("acme", "acme1", … "acme99").
const MAX_USERNAME_ATTEMPTS = 100;

/**
 * The simulated control panel of the demo and the tests (DESIGN §9). Its accounts and their
 * resources live in the Panel* tables, as a real panel keeps its own database; the lifecycle
 * state Portico shows is also on the Service row (status, suspendReason, suspendedAt,
 * terminatedAt). Suspend, unsuspend and terminate are conditional UPDATEs that join the caller's
 * transaction when given one (dunning), and work for services without a panel account as well.
 * Calls take time (PROVISIONING_BUILTIN_DELAY_MS) and can fail (PROVISIONING_BUILTIN_FAILURE_RATE,
 * or scripted with `failTimes`) with a retryable "unavailable" error, before changing anything.
 */
export class BuiltinProvisioningModule implements ProvisioningModule {
  readonly name = "builtin";
  readonly hosting: BuiltinHostingPanel;
  readonly usageFeed: BuiltinUsageFeed;
  private readonly runtime: BuiltinRuntime;

  constructor(options: BuiltinProvisioningOptions = {}) {
    this.runtime = new BuiltinRuntime(options);
    this.hosting = new BuiltinHostingPanel(this.runtime);
    this.usageFeed = new BuiltinUsageFeed(this.runtime.client);
  }

  async create(service: ProvisionedService, spec: CreateAccountSpec, ctx: ProvisioningContext = {}): Promise<CreateOutcome> {
    this.runtime.maybeFail("create", service);
    await this.runtime.pause("lifecycle", Boolean(ctx.tx));
    const client = ctx.tx ?? this.runtime.client;
    const existing = await client.panelAccount.findUnique({ where: { serviceId: service.id } });
    if (existing) return { ...(await this.runtime.accountInfoOf(client, existing)), created: false };

    const row = await client.service.findUnique({ where: { id: service.id }, select: { status: true, terminatedAt: true } });
    if (!row) throw new ProvisioningError("not_found", `service ${service.id} does not exist`);
    if (row.terminatedAt || row.status === "terminated") throw new ProvisioningError("terminated", `service ${service.id} is terminated`);
    const domain = spec.domain.trim().toLowerCase();
    if (!isValidDomain(domain)) throw invalid(`"${spec.domain}" is not a domain name the panel accepts`);
    if (!isAcceptablePanelPassword(spec.password)) throw invalid("the account password does not meet the panel's rules");
    const server = await client.server.findUnique({ where: { id: spec.serverId }, select: { id: true } });
    if (!server) throw new ProvisioningError("not_found", `server ${spec.serverId} does not exist`);

    const passwordHash = await hashPanelPassword(spec.password);
    const base = deriveUsernameBase(spec.usernameHint || domain);
    for (let attempt = 0; attempt < MAX_USERNAME_ATTEMPTS; attempt++) {
      const username = usernameCandidate(base, attempt);
      // ON CONFLICT DO NOTHING: a taken username (per server) or an account made meanwhile for the
      // same service (a second runner) skips the row instead of aborting the caller's transaction.
      const { count } = await client.panelAccount.createMany({
        data: [{ serverId: spec.serverId, serviceId: service.id, username, passwordHash, domain, ...quotaColumns(spec.package) }],
        skipDuplicates: true,
      });
      const account = await client.panelAccount.findUnique({ where: { serviceId: service.id } });
      if (account) return { ...(await this.runtime.accountInfoOf(client, account)), created: count === 1 && account.username === username };
    }
    throw new ProvisioningError("name_taken", `no free username for "${base}" on server ${spec.serverId}`);
  }

  async suspend(service: ProvisionedService, reason: string, ctx: ProvisioningContext = {}): Promise<ProvisioningOutcome> {
    this.runtime.maybeFail("suspend", service);
    await this.runtime.pause("lifecycle", Boolean(ctx.tx));
    const client = ctx.tx ?? this.runtime.client;
    const { count } = await client.service.updateMany({
      where: { id: service.id, status: "active" },
      data: { status: "suspended", suspendReason: reason, suspendedAt: ctx.now ?? new Date() },
    });
    if (count === 1) {
      await client.panelAccount.updateMany({ where: { serviceId: service.id }, data: { suspended: true } });
      return { changed: true, status: "suspended" };
    }
    const status = await this.statusOf(client, service);
    if (status === "suspended") {
      await client.panelAccount.updateMany({ where: { serviceId: service.id, suspended: false }, data: { suspended: true } });
      return { changed: false, status };
    }
    throw new ProvisioningError(status === "terminated" ? "terminated" : "invalid_state", `service ${service.id} is ${status}, cannot suspend it`);
  }

  async unsuspend(service: ProvisionedService, ctx: ProvisioningContext = {}): Promise<ProvisioningOutcome> {
    this.runtime.maybeFail("unsuspend", service);
    await this.runtime.pause("lifecycle", Boolean(ctx.tx));
    const client = ctx.tx ?? this.runtime.client;
    const { count } = await client.service.updateMany({
      where: { id: service.id, status: "suspended", terminatedAt: null },
      data: { status: "active", suspendReason: null, suspendedAt: null },
    });
    if (count === 1) {
      await client.panelAccount.updateMany({ where: { serviceId: service.id }, data: { suspended: false } });
      return { changed: true, status: "active" };
    }
    const status = await this.statusOf(client, service);
    if (status === "active") {
      await client.panelAccount.updateMany({ where: { serviceId: service.id, suspended: true }, data: { suspended: false } });
      return { changed: false, status };
    }
    throw new ProvisioningError(status === "terminated" ? "terminated" : "invalid_state", `service ${service.id} is ${status}, cannot unsuspend it`);
  }

  /** Ends the service and removes its panel account with everything in it (a real panel deletes it; the username becomes free). */
  async terminate(service: ProvisionedService, ctx: ProvisioningContext = {}): Promise<ProvisioningOutcome> {
    this.runtime.maybeFail("terminate", service);
    await this.runtime.pause("lifecycle", Boolean(ctx.tx));
    const client = ctx.tx ?? this.runtime.client;
    const { count } = await client.service.updateMany({
      where: { id: service.id, status: { in: ["active", "suspended"] } },
      data: { status: "terminated", terminatedAt: ctx.now ?? new Date() },
    });
    if (count === 1) {
      await client.panelAccount.deleteMany({ where: { serviceId: service.id } });
      return { changed: true, status: "terminated" };
    }
    const status = await this.statusOf(client, service);
    if (status === "terminated") {
      await client.panelAccount.deleteMany({ where: { serviceId: service.id } });
      return { changed: false, status };
    }
    throw new ProvisioningError("invalid_state", `service ${service.id} is ${status}, cannot terminate it`);
  }

  /** Refuses a package whose quotas the account already exceeds ("quota_exceeded"), as a panel would. */
  async changePackage(service: ProvisionedService, pkg: PackageSpec, ctx: ProvisioningContext = {}): Promise<{ changed: boolean }> {
    this.runtime.maybeFail("changePackage", service);
    await this.runtime.pause("lifecycle", Boolean(ctx.tx));
    const client = ctx.tx ?? this.runtime.client;
    const account = await this.runtime.accountForChange(client, service);
    const next = quotaColumns(pkg);
    const same = (Object.keys(next) as (keyof typeof next)[]).every((key) => account[key] === next[key]);
    if (same) return { changed: false };

    const [ftp, databases, mailboxes, subdomains, diskMb] = await Promise.all([
      client.panelFtpAccount.count({ where: { accountId: account.id } }),
      client.panelDatabase.count({ where: { accountId: account.id } }),
      client.panelMailbox.count({ where: { accountId: account.id } }),
      client.panelSubdomain.count({ where: { accountId: account.id } }),
      this.runtime.diskUsedMb(client, account.id),
    ]);
    const over = [
      ["FTP accounts", ftp, pkg.maxFtpAccounts],
      ["databases", databases, pkg.maxDatabases],
      ["mailboxes", mailboxes, pkg.maxMailboxes],
      ["subdomains", subdomains, pkg.maxSubdomains],
      ["disk MB", diskMb, pkg.diskQuotaMb],
    ].filter(([, used, max]) => max !== null && (used as number) > (max as number));
    if (over.length) {
      throw new ProvisioningError("quota_exceeded", `package ${pkg.packageName} is too small for the account: ${over.map(([what, used, max]) => `${used} ${what} > ${max}`).join(", ")}`);
    }
    const { count } = await client.panelAccount.updateMany({ where: { id: account.id, suspended: false }, data: next });
    if (count === 0) throw new ProvisioningError("suspended", `the control-panel account ${account.username} is suspended`);
    return { changed: true };
  }

  async resetPassword(service: ProvisionedService, password: string, ctx: ProvisioningContext = {}): Promise<void> {
    this.runtime.maybeFail("resetPassword", service);
    await this.runtime.pause("lifecycle", Boolean(ctx.tx));
    const client = ctx.tx ?? this.runtime.client;
    if (!isAcceptablePanelPassword(password)) throw invalid("the account password does not meet the panel's rules");
    const account = await this.runtime.accountForChange(client, service);
    await client.panelAccount.update({ where: { id: account.id }, data: { passwordHash: await hashPanelPassword(password) } });
  }

  /**
   * The customer's own password for the service's login (a VPN account of the panel): kept as a
   * scrypt hash like every panel password. The panel's rule for such logins is only a length
   * (8–1024); Portico's policy (12 characters, not a common password) is checked by the caller.
   */
  async setServicePassword(service: ProvisionedService, password: string, ctx: ProvisioningContext = {}): Promise<void> {
    this.runtime.maybeFail("setServicePassword", service);
    await this.runtime.pause("hosting", Boolean(ctx.tx));
    const client = ctx.tx ?? this.runtime.client;
    if (password.length < 8 || password.length > 1024) throw invalid("the service password does not meet the panel's rules");
    const account = await this.runtime.accountForChange(client, service);
    await client.panelAccount.update({ where: { id: account.id }, data: { passwordHash: await hashPanelPassword(password) } });
  }

  /**
   * A signed link to /panel/sso, valid for a minute and good for one sign-in (the route records
   * its token id). A suspended account cannot sign in, as on a real panel.
   */
  async ssoUrl(service: ProvisionedService, ctx: ProvisioningContext = {}): Promise<{ url: string; expiresAt: Date }> {
    this.runtime.maybeFail("ssoUrl", service);
    const client = ctx.tx ?? this.runtime.client;
    const account = await this.runtime.accountForChange(client, service);
    const now = ctx.now ?? this.runtime.now();
    const { token, payload } = signPanelLink({ kind: "sso", sub: account.id, ttlSeconds: SSO_LINK_TTL_SECONDS, now });
    return { url: `${this.runtime.appUrl()}/panel/sso?token=${encodeURIComponent(token)}`, expiresAt: new Date(payload.exp * 1000) };
  }

  async accountInfo(service: ProvisionedService): Promise<AccountInfo | null> {
    const client = this.runtime.client;
    const account = await client.panelAccount.findUnique({ where: { serviceId: service.id } });
    return account ? this.runtime.accountInfoOf(client, account) : null;
  }

  /** Disk: base + databases + mailboxes; bandwidth: this month's UsageSample rows (UTC month). */
  async usage(service: ProvisionedService): Promise<UsageSnapshot> {
    const client = this.runtime.client;
    const account = await this.runtime.accountForRead(client, service);
    const now = this.runtime.now();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const [diskMb, bandwidth] = await Promise.all([
      this.runtime.diskUsedMb(client, account.id),
      client.usageSample.aggregate({ where: { serviceId: service.id, day: { gte: monthStart } }, _sum: { bandwidthMb: true } }),
    ]);
    return { diskMb, bandwidthMb: bandwidth._sum.bandwidthMb ?? 0, diskQuotaMb: account.diskQuotaMb, bandwidthQuotaMb: account.bandwidthQuotaMb };
  }

  private async statusOf(client: Prisma.TransactionClient, service: ProvisionedService) {
    const row = await client.service.findUnique({ where: { id: service.id }, select: { status: true, terminatedAt: true } });
    if (!row) throw new ProvisioningError("not_found", `service ${service.id} does not exist`);
    return row.terminatedAt ? "terminated" : row.status;
  }
}

function quotaColumns(pkg: PackageSpec) {
  return {
    packageName: pkg.packageName,
    diskQuotaMb: pkg.diskQuotaMb,
    bandwidthQuotaMb: pkg.bandwidthQuotaMb,
    maxFtpAccounts: pkg.maxFtpAccounts,
    maxDatabases: pkg.maxDatabases,
    maxMailboxes: pkg.maxMailboxes,
    maxSubdomains: pkg.maxSubdomains,
  };
}
