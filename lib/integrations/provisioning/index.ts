import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { BuiltinProvisioningModule } from "./builtin-module";
import {
  ProvisioningError,
  type AccountInfo,
  type CreateAccountSpec,
  type CreateOutcome,
  type HostingPanel,
  type PackageSpec,
  type ProvisionedService,
  type ProvisioningContext,
  type ProvisioningModule,
  type ProvisioningOutcome,
  type UsageSnapshot,
} from "./provisioning-module";

export { BuiltinProvisioningModule, type BuiltinOperation, type BuiltinProvisioningOptions } from "./builtin-module";
export {
  ProvisioningError,
  type AccountInfo,
  type BackupInfo,
  type CreateAccountSpec,
  type CreateOutcome,
  type DatabaseInfo,
  type FtpAccountInfo,
  type HostingPanel,
  type MailAliasInfo,
  type MailboxInfo,
  type PackageSpec,
  type ProvisionedService,
  type ProvisioningContext,
  type ProvisioningErrorCode,
  type ProvisioningModule,
  type ProvisioningOutcome,
  type PulledCall,
  type PulledTraffic,
  type SubdomainInfo,
  type UsageFeed,
  type UsageSnapshot,
} from "./provisioning-module";

const builtin = new BuiltinProvisioningModule();

/** The modules Portico knows, by Server.module. A real one (cPanel, Proxmox, …) is added here. */
const MODULES: Record<string, () => ProvisioningModule> = {
  builtin: () => builtin,
};

/** The module key's implementation, or a clear non-retryable error for a key nobody implemented. */
export function moduleByKey(key: string): ProvisioningModule {
  const factory = Object.hasOwn(MODULES, key) ? MODULES[key] : undefined;
  if (!factory) throw new ProvisioningError("unavailable", `no provisioning module "${key}" is installed (Server.module)`, false);
  return factory();
}

/** The module of a server (Server.module); "not_found" for an unknown server. */
export async function moduleForServer(serverId: string, client: Prisma.TransactionClient = db): Promise<ProvisioningModule> {
  const server = await client.server.findUnique({ where: { id: serverId }, select: { module: true } });
  if (!server) throw new ProvisioningError("not_found", `server ${serverId} does not exist`, false);
  return moduleByKey(server.module);
}

/**
 * The module that runs `service`, chosen by its server's Server.module. A service without a
 * server (legacy rows, VoIP, housing) is the built-in panel's. The server's module is looked up
 * on the first call (in the caller's transaction when it passes one) and kept for the rest of
 * this object's life; an unknown module key fails every call with a non-retryable "unavailable".
 * Module calls of an outside system can be slow or down, so they run from a provisioning job
 * with retries (lib/services/provisioning-jobs.ts), never inside a database transaction — the
 * built-in one only writes Postgres, so it joins the caller's (dunning).
 */
export function moduleFor(service: ProvisionedService): ProvisioningModule {
  if (!service.serverId) return builtin;
  return new ServerModule(service.serverId);
}

class ServerModule implements ProvisioningModule {
  readonly name: string;
  readonly hosting: HostingPanel;
  private resolved: Promise<ProvisioningModule> | undefined;

  constructor(private readonly serverId: string) {
    this.name = `server:${serverId}`;
    this.hosting = hostingThrough((tx) => this.resolve(tx));
  }

  private resolve(tx?: Prisma.TransactionClient): Promise<ProvisioningModule> {
    this.resolved ??= moduleForServer(this.serverId, tx).catch((error: unknown) => {
      this.resolved = undefined;
      throw error;
    });
    return this.resolved;
  }

  async create(service: ProvisionedService, spec: CreateAccountSpec, ctx?: ProvisioningContext): Promise<CreateOutcome> {
    return (await this.resolve(ctx?.tx)).create(service, spec, ctx);
  }
  async suspend(service: ProvisionedService, reason: string, ctx?: ProvisioningContext): Promise<ProvisioningOutcome> {
    return (await this.resolve(ctx?.tx)).suspend(service, reason, ctx);
  }
  async unsuspend(service: ProvisionedService, ctx?: ProvisioningContext): Promise<ProvisioningOutcome> {
    return (await this.resolve(ctx?.tx)).unsuspend(service, ctx);
  }
  async terminate(service: ProvisionedService, ctx?: ProvisioningContext): Promise<ProvisioningOutcome> {
    return (await this.resolve(ctx?.tx)).terminate(service, ctx);
  }
  async changePackage(service: ProvisionedService, pkg: PackageSpec, ctx?: ProvisioningContext): Promise<{ changed: boolean }> {
    return (await this.resolve(ctx?.tx)).changePackage(service, pkg, ctx);
  }
  async resetPassword(service: ProvisionedService, password: string, ctx?: ProvisioningContext): Promise<void> {
    return (await this.resolve(ctx?.tx)).resetPassword(service, password, ctx);
  }
  async setServicePassword(service: ProvisionedService, password: string, ctx?: ProvisioningContext): Promise<void> {
    return (await this.resolve(ctx?.tx)).setServicePassword(service, password, ctx);
  }
  async ssoUrl(service: ProvisionedService, ctx?: ProvisioningContext): Promise<{ url: string; expiresAt: Date }> {
    return (await this.resolve(ctx?.tx)).ssoUrl(service, ctx);
  }
  async accountInfo(service: ProvisionedService): Promise<AccountInfo | null> {
    return (await this.resolve()).accountInfo(service);
  }
  async usage(service: ProvisionedService): Promise<UsageSnapshot> {
    return (await this.resolve()).usage(service);
  }
}

/** The hosting calls of a module found later; a module without hosting resources refuses them. */
function hostingThrough(resolve: (tx?: Prisma.TransactionClient) => Promise<ProvisioningModule>): HostingPanel {
  const panel = async () => {
    const panelModule = await resolve();
    if (!panelModule.hosting) throw new ProvisioningError("unavailable", `the ${panelModule.name} module has no hosting resources`, false);
    return panelModule.hosting;
  };
  return {
    listBackups: async (s) => (await panel()).listBackups(s),
    createBackup: async (s) => (await panel()).createBackup(s),
    restoreBackup: async (s, id) => (await panel()).restoreBackup(s, id),
    backupDownloadUrl: async (s, id) => (await panel()).backupDownloadUrl(s, id),
    listFtpAccounts: async (s) => (await panel()).listFtpAccounts(s),
    createFtpAccount: async (s, input) => (await panel()).createFtpAccount(s, input),
    changeFtpPassword: async (s, id, password) => (await panel()).changeFtpPassword(s, id, password),
    deleteFtpAccount: async (s, id) => (await panel()).deleteFtpAccount(s, id),
    listDatabases: async (s) => (await panel()).listDatabases(s),
    createDatabase: async (s, input) => (await panel()).createDatabase(s, input),
    changeDatabasePassword: async (s, id, password) => (await panel()).changeDatabasePassword(s, id, password),
    deleteDatabase: async (s, id) => (await panel()).deleteDatabase(s, id),
    listMailboxes: async (s) => (await panel()).listMailboxes(s),
    createMailbox: async (s, input) => (await panel()).createMailbox(s, input),
    updateMailbox: async (s, id, input) => (await panel()).updateMailbox(s, id, input),
    deleteMailbox: async (s, id) => (await panel()).deleteMailbox(s, id),
    listAliases: async (s) => (await panel()).listAliases(s),
    createAlias: async (s, input) => (await panel()).createAlias(s, input),
    deleteAlias: async (s, id) => (await panel()).deleteAlias(s, id),
    listSubdomains: async (s) => (await panel()).listSubdomains(s),
    createSubdomain: async (s, input) => (await panel()).createSubdomain(s, input),
    deleteSubdomain: async (s, id) => (await panel()).deleteSubdomain(s, id),
  };
}
