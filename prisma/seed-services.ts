// Demo data of issue 5: packages and quotas of the catalog's hosting and VPS products, an "Extra
// disk" option, and the simulated control panel's accounts of the active demo hosting services
// (FTP accounts, databases, mailboxes with an auto-responder, aliases, subdomains, backups).
// Deterministic (fixed names and sizes, times relative to `now`) and fast: one password hash.
import type { Prisma } from "@/lib/generated/prisma/client";
import { deriveUsernameBase, usernameCandidate } from "@/lib/integrations/provisioning/builtin-names";
import { generatePanelPassword, hashPanelPassword } from "@/lib/integrations/provisioning/builtin-secrets";

type Tx = Prisma.TransactionClient;

type Quotas = { packageName: string; diskQuotaMb: number | null; bandwidthQuotaMb: number | null; maxFtpAccounts: number | null; maxDatabases: number | null; maxMailboxes: number | null; maxSubdomains: number | null };

/** Control-panel packages of the catalog's products, by slug (null: unlimited). */
export const DEMO_PACKAGES: Record<string, Quotas> = {
  "hosting-starter": { packageName: "starter", diskQuotaMb: 5_120, bandwidthQuotaMb: 102_400, maxFtpAccounts: 2, maxDatabases: 2, maxMailboxes: 5, maxSubdomains: 2 },
  "hosting-business": { packageName: "business", diskQuotaMb: 20_480, bandwidthQuotaMb: 512_000, maxFtpAccounts: 10, maxDatabases: 10, maxMailboxes: 25, maxSubdomains: 10 },
  "wordpress-pro": { packageName: "wp-pro", diskQuotaMb: 30_720, bandwidthQuotaMb: null, maxFtpAccounts: 5, maxDatabases: 5, maxMailboxes: 50, maxSubdomains: 20 },
  "vps-s": { packageName: "vps-s", diskQuotaMb: 81_920, bandwidthQuotaMb: 2_048_000, maxFtpAccounts: null, maxDatabases: null, maxMailboxes: null, maxSubdomains: null },
  "vps-m": { packageName: "vps-m", diskQuotaMb: 163_840, bandwidthQuotaMb: 4_096_000, maxFtpAccounts: null, maxDatabases: null, maxMailboxes: null, maxSubdomains: null },
  "vps-l": { packageName: "vps-l", diskQuotaMb: 327_680, bandwidthQuotaMb: 8_192_000, maxFtpAccounts: null, maxDatabases: null, maxMailboxes: null, maxSubdomains: null },
};

/** "Extra disk" for the hosting products: monthly price per currency in minor units. */
const EXTRA_DISK_CHOICES = [
  { code: "none", label: "No extra disk", extraDiskMb: 0, monthly: { EUR: 0n, USD: 0n, HUF: 0n, VND: 0n } },
  { code: "plus10", label: "+10 GB", extraDiskMb: 10_240, monthly: { EUR: 200n, USD: 220n, HUF: 79_000n, VND: 49_000n } },
  { code: "plus50", label: "+50 GB", extraDiskMb: 51_200, monthly: { EUR: 800n, USD: 880n, HUF: 319_000n, VND: 199_000n } },
];

const DAY_MS = 24 * 60 * 60 * 1000;

export async function seedServices(tx: Tx, now: Date, demoCustomerIds: string[]): Promise<void> {
  for (const [slug, quotas] of Object.entries(DEMO_PACKAGES)) {
    await tx.product.updateMany({ where: { slug }, data: { ...quotas, requiresDomain: slug.startsWith("hosting-") || slug === "wordpress-pro" } });
  }

  const hostingProducts = await tx.product.findMany({ where: { kind: "hosting", slug: { in: Object.keys(DEMO_PACKAGES) } }, select: { id: true }, orderBy: { position: "asc" } });
  for (const product of hostingProducts) {
    const option = await tx.productOption.create({ data: { productId: product.id, code: "extra_disk", name: "Extra disk", position: 0 } });
    for (const [position, choice] of EXTRA_DISK_CHOICES.entries()) {
      const row = await tx.productOptionChoice.create({ data: { optionId: option.id, code: choice.code, label: choice.label, position, extraDiskMb: choice.extraDiskMb } });
      await tx.productOptionChoicePrice.createMany({ data: Object.entries(choice.monthly).map(([currency, monthlyMinor]) => ({ choiceId: row.id, currency, monthlyMinor })) });
    }
  }

  // Nobody knows these passwords (the demo signs in to the panel by single sign-on): one hash serves every row.
  const passwordHash = await hashPanelPassword(generatePanelPassword());
  const services = await tx.service.findMany({
    where: { customerId: { in: demoCustomerIds }, kind: "hosting", status: "active", serverId: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, label: true, serverId: true, createdAt: true, product: { select: { slug: true } } },
  });
  const taken = new Set<string>();
  for (const service of services) {
    const domain = service.label?.trim().toLowerCase();
    const quotas = service.product ? DEMO_PACKAGES[service.product.slug] : undefined;
    if (!domain || !quotas || !service.serverId) continue;
    const base = deriveUsernameBase(domain);
    let attempt = 0;
    while (taken.has(`${service.serverId}/${usernameCandidate(base, attempt)}`)) attempt++;
    const username = usernameCandidate(base, attempt);
    taken.add(`${service.serverId}/${username}`);
    const created = new Date(Math.max(service.createdAt.getTime(), now.getTime() - 400 * DAY_MS));
    const at = (daysAfterCreate: number) => new Date(created.getTime() + daysAfterCreate * DAY_MS);

    const account = await tx.panelAccount.create({ data: { serverId: service.serverId, serviceId: service.id, username, passwordHash, domain, ...quotas, createdAt: created } });
    await tx.panelFtpAccount.createMany({
      data: [
        { accountId: account.id, serverId: service.serverId, login: `deploy@${domain}`, passwordHash, directory: "/public_html", quotaMb: null, createdAt: at(1) },
        { accountId: account.id, serverId: service.serverId, login: `designer@${domain}`, passwordHash, directory: "/public_html/assets", quotaMb: 1_024, createdAt: at(30) },
      ],
    });
    await tx.panelDatabase.createMany({
      data: [
        { accountId: account.id, serverId: service.serverId, name: `${username}_wp`, dbUser: `${username}_wp`, passwordHash, sizeMb: 148, createdAt: at(1) },
        { accountId: account.id, serverId: service.serverId, name: `${username}_shop`, dbUser: `${username}_shop`, passwordHash, sizeMb: 42, createdAt: at(45) },
      ],
    });
    await tx.panelMailbox.createMany({
      data: [
        { accountId: account.id, address: `info@${domain}`, passwordHash, quotaMb: 2_048, usedMb: 812, createdAt: at(1) },
        {
          accountId: account.id,
          address: `support@${domain}`,
          passwordHash,
          quotaMb: 1_024,
          usedMb: 236,
          autoReplyEnabled: true,
          autoReplySubject: "We have received your message",
          autoReplyBody: "Thank you for writing to us. Our team answers within one business day.",
          autoReplyUntil: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 30)),
          createdAt: at(2),
        },
        { accountId: account.id, address: `billing@${domain}`, passwordHash, quotaMb: 512, usedMb: 57, createdAt: at(60) },
      ],
    });
    await tx.panelMailAlias.createMany({
      data: [
        { accountId: account.id, source: `sales@${domain}`, destination: `info@${domain}`, createdAt: at(3) },
        { accountId: account.id, source: `webmaster@${domain}`, destination: `support@${domain}`, createdAt: at(3) },
      ],
    });
    await tx.panelSubdomain.createMany({
      data: [
        { accountId: account.id, fqdn: `blog.${domain}`, documentRoot: "/public_html/blog", createdAt: at(10) },
        { accountId: account.id, fqdn: `shop.${domain}`, documentRoot: "/public_html/shop", createdAt: at(45) },
      ],
    });
    // Three nightly backups, 03:00 UTC of the last three days; disk use: base 64 + databases + mail.
    const diskMb = 64 + 148 + 42 + 812 + 236 + 57;
    const today3am = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 3);
    await tx.panelBackup.createMany({
      data: [1, 2, 3].map((daysAgo) => {
        const createdAt = new Date(today3am - daysAgo * DAY_MS);
        return { accountId: account.id, kind: "daily", status: "ready" as const, sizeMb: diskMb - daysAgo * 3, createdAt, completedAt: new Date(createdAt.getTime() + 7 * 60_000) };
      }),
    });

    await tx.service.update({ where: { id: service.id }, data: { username, domain, provisioningState: "done" } });
    // The job history the staff service page shows: the create that made the account.
    await tx.provisioningJob.create({
      data: { serviceId: service.id, operation: "create", status: "done", idempotencyKey: `create:${service.id}`, attempts: 1, runAfter: created, createdAt: created, finishedAt: new Date(created.getTime() + 40_000) },
    });
  }

  // VPN access (issue 7): a login on the panel whose password the customer sets on /account/security.
  const vpnServices = await tx.service.findMany({
    where: { customerId: { in: demoCustomerIds }, kind: "vpn", status: "active", serverId: { not: null } },
    select: { id: true, label: true, serverId: true, createdAt: true },
  });
  for (const service of vpnServices) {
    const domain = service.label?.trim().toLowerCase();
    if (!domain || !service.serverId) continue;
    const username = usernameCandidate(deriveUsernameBase(domain), 0);
    await tx.panelAccount.create({
      data: { serverId: service.serverId, serviceId: service.id, username, passwordHash, domain, packageName: "vpn-5", diskQuotaMb: 0, bandwidthQuotaMb: null, maxFtpAccounts: 0, maxDatabases: 0, maxMailboxes: 0, maxSubdomains: 0, createdAt: service.createdAt },
    });
    await tx.service.update({ where: { id: service.id }, data: { username, domain, provisioningState: "done" } });
  }
}
