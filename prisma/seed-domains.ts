// Demo data of issue 6: the TLD catalog with yearly prices per currency, the demo domains tied to
// their TLD and registered at the sandbox registry (so sync, renew and transfer work on them), and
// their contacts from the customer's address. Touches only the demo customers' domains.
import { randomBytes } from "node:crypto";
import { contactsFromCustomer } from "../lib/domains/contact-schemas";
import type { Prisma } from "../lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type Money = { EUR: bigint; USD: bigint; HUF: bigint; VND: bigint };

/** The demo provider's name servers (DNS_NAMESERVERS' default). */
const DEMO_NAMESERVERS = ["ns1.portico.test", "ns2.portico.test"];

/** Register (first year), renew and transfer (includes a year) prices per year. */
export const DEMO_TLDS: { name: string; register: Money; renew: Money; transfer: Money }[] = [
  { name: "com", register: { EUR: 1_190n, USD: 1_290n, HUF: 479_000n, VND: 299_000n }, renew: { EUR: 1_390n, USD: 1_490n, HUF: 549_000n, VND: 349_000n }, transfer: { EUR: 1_190n, USD: 1_290n, HUF: 479_000n, VND: 299_000n } },
  { name: "net", register: { EUR: 1_390n, USD: 1_490n, HUF: 549_000n, VND: 349_000n }, renew: { EUR: 1_590n, USD: 1_690n, HUF: 629_000n, VND: 399_000n }, transfer: { EUR: 1_390n, USD: 1_490n, HUF: 549_000n, VND: 349_000n } },
  { name: "org", register: { EUR: 1_290n, USD: 1_390n, HUF: 509_000n, VND: 329_000n }, renew: { EUR: 1_490n, USD: 1_590n, HUF: 589_000n, VND: 379_000n }, transfer: { EUR: 1_290n, USD: 1_390n, HUF: 509_000n, VND: 329_000n } },
  { name: "eu", register: { EUR: 690n, USD: 790n, HUF: 279_000n, VND: 179_000n }, renew: { EUR: 890n, USD: 990n, HUF: 349_000n, VND: 229_000n }, transfer: { EUR: 690n, USD: 790n, HUF: 279_000n, VND: 179_000n } },
  { name: "sk", register: { EUR: 990n, USD: 1_090n, HUF: 389_000n, VND: 249_000n }, renew: { EUR: 1_190n, USD: 1_290n, HUF: 469_000n, VND: 299_000n }, transfer: { EUR: 990n, USD: 1_090n, HUF: 389_000n, VND: 249_000n } },
  { name: "hu", register: { EUR: 1_090n, USD: 1_190n, HUF: 429_000n, VND: 279_000n }, renew: { EUR: 1_290n, USD: 1_390n, HUF: 509_000n, VND: 329_000n }, transfer: { EUR: 1_090n, USD: 1_190n, HUF: 429_000n, VND: 279_000n } },
  { name: "vn", register: { EUR: 2_990n, USD: 3_290n, HUF: 1_190_000n, VND: 750_000n }, renew: { EUR: 2_490n, USD: 2_690n, HUF: 990_000n, VND: 650_000n }, transfer: { EUR: 2_490n, USD: 2_690n, HUF: 990_000n, VND: 650_000n } },
  { name: "com.vn", register: { EUR: 2_490n, USD: 2_690n, HUF: 990_000n, VND: 650_000n }, renew: { EUR: 1_990n, USD: 2_190n, HUF: 790_000n, VND: 550_000n }, transfer: { EUR: 1_990n, USD: 2_190n, HUF: 790_000n, VND: 550_000n } },
  { name: "io", register: { EUR: 3_990n, USD: 4_290n, HUF: 1_590_000n, VND: 990_000n }, renew: { EUR: 3_990n, USD: 4_290n, HUF: 1_590_000n, VND: 990_000n }, transfer: { EUR: 3_990n, USD: 4_290n, HUF: 1_590_000n, VND: 990_000n } },
  { name: "dev", register: { EUR: 1_490n, USD: 1_590n, HUF: 589_000n, VND: 379_000n }, renew: { EUR: 1_490n, USD: 1_590n, HUF: 589_000n, VND: 379_000n }, transfer: { EUR: 1_490n, USD: 1_590n, HUF: 589_000n, VND: 379_000n } },
];

/** Terms sold for registration and renewal (a transfer adds one year). */
const DEMO_TERMS = [1, 2, 3, 5, 10];

/**
 * The catalog and the demo domains' TLD links. Longer terms cost the first year plus renewal years
 * (a registration) or that many renewal years (a renewal); staff change any price in /admin/catalog/tlds.
 */
export async function seedDomains(tx: Tx, demoCustomerIds: string[]) {
  for (const [position, tld] of DEMO_TLDS.entries()) {
    const row = await tx.tld.upsert({ where: { name: tld.name }, update: {}, create: { name: tld.name, position } });
    const currencies = Object.keys(tld.register) as (keyof Money)[];
    await tx.tldPrice.createMany({
      data: currencies.flatMap((currency) => [
        ...DEMO_TERMS.map((years) => ({ tldId: row.id, action: "register" as const, currency, years, amountMinor: tld.register[currency] + tld.renew[currency] * BigInt(years - 1) })),
        ...DEMO_TERMS.map((years) => ({ tldId: row.id, action: "renew" as const, currency, years, amountMinor: tld.renew[currency] * BigInt(years) })),
        { tldId: row.id, action: "transfer" as const, currency, years: 1, amountMinor: tld.transfer[currency] },
      ]),
      skipDuplicates: true,
    });
  }
  // Each demo domain under the longest TLD of the catalog it ends with.
  const tlds = await tx.tld.findMany({ select: { id: true, name: true } });
  const byLength = [...tlds].sort((a, b) => b.name.length - a.name.length);
  const domains = await tx.domain.findMany({
    where: { customerId: { in: demoCustomerIds } },
    select: { id: true, name: true, status: true, expiresAt: true, customer: { select: { name: true, email: true, phone: true, addressLine1: true, city: true, postcode: true, country: true } } },
  });
  const nameservers = DEMO_NAMESERVERS.map((host) => ({ host }));
  for (const domain of domains) {
    const tld = byLength.find((t) => domain.name.endsWith(`.${t.name}`));
    await tx.domain.update({ where: { id: domain.id }, data: { tldId: tld?.id ?? null, nameservers } });
    const contact = contactsFromCustomer(domain.customer);
    await tx.domainContact.createMany({ data: (["registrant", "admin", "tech", "billing"] as const).map((role) => ({ ...contact, domainId: domain.id, role })), skipDuplicates: true });
    // Names Portico holds are registered at the sandbox registry too, so lock, nameservers, EPP code and sync work on them.
    if ((domain.status === "active" || domain.status === "expired") && domain.expiresAt) {
      await tx.sandboxRegistryDomain.upsert({
        where: { name: domain.name },
        update: {},
        create: { name: domain.name, holder: "portico", expiresAt: domain.expiresAt, locked: true, nameservers, authCode: randomBytes(12).toString("base64url") },
      });
    }
  }
}
