// Billing demo data: the product catalog with prices in every supported currency, VAT rates, and
// the demo services tied to their product, cycle and agreed price (so the billing run has work).
import type { BillingCycle, Prisma, ServiceKind } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";
import { multiplyQuantity } from "@/lib/billing/money";
import { takeNextNumber } from "@/lib/billing/numbering";
import { invoiceTotals, taxTreatment, treatmentRate } from "@/lib/billing/tax";

type Tx = Prisma.TransactionClient;
type Currency = "EUR" | "USD" | "HUF" | "VND";

/** Monthly prices in minor units per currency; other cycles are derived below (annual: 10 months). */
const PRODUCTS: { slug: string; kind: ServiceKind; name: string; monthly: Record<Currency, bigint>; setup?: Record<Currency, bigint> }[] = [
  { slug: "hosting-starter", kind: "hosting", name: "Web Hosting Starter", monthly: { EUR: 399n, USD: 449n, HUF: 159_000n, VND: 99_000n } },
  { slug: "hosting-business", kind: "hosting", name: "Web Hosting Business", monthly: { EUR: 999n, USD: 1_099n, HUF: 399_000n, VND: 249_000n } },
  { slug: "wordpress-pro", kind: "hosting", name: "WordPress Hosting Pro", monthly: { EUR: 1_499n, USD: 1_649n, HUF: 599_000n, VND: 379_000n } },
  { slug: "vps-s", kind: "vps", name: "VPS S (2 vCPU, 4 GB RAM, 80 GB NVMe)", monthly: { EUR: 1_200n, USD: 1_350n, HUF: 479_000n, VND: 299_000n } },
  { slug: "vps-m", kind: "vps", name: "VPS M (4 vCPU, 8 GB RAM, 160 GB NVMe)", monthly: { EUR: 2_400n, USD: 2_650n, HUF: 959_000n, VND: 599_000n } },
  { slug: "vps-l", kind: "vps", name: "VPS L (8 vCPU, 16 GB RAM, 320 GB NVMe)", monthly: { EUR: 4_800n, USD: 5_300n, HUF: 1_919_000n, VND: 1_199_000n } },
  {
    slug: "dedicated-e2388g",
    kind: "dedicated",
    name: "Dedicated Server E-2388G (64 GB RAM)",
    monthly: { EUR: 11_900n, USD: 12_900n, HUF: 4_750_000n, VND: 2_990_000n },
    setup: { EUR: 4_900n, USD: 5_400n, HUF: 1_950_000n, VND: 1_200_000n },
  },
  { slug: "dedicated-epyc-4344p", kind: "dedicated", name: "Dedicated Server EPYC 4344P (128 GB RAM)", monthly: { EUR: 18_900n, USD: 20_500n, HUF: 7_550_000n, VND: 4_750_000n } },
  { slug: "housing-1u", kind: "housing", name: "Server Housing 1U", monthly: { EUR: 6_900n, USD: 7_500n, HUF: 2_750_000n, VND: 1_750_000n } },
  { slug: "voip-4", kind: "voip", name: "VoIP Trunk (4 channels)", monthly: { EUR: 1_500n, USD: 1_650n, HUF: 599_000n, VND: 379_000n } },
  { slug: "voip-10", kind: "voip", name: "VoIP Trunk (10 channels)", monthly: { EUR: 3_500n, USD: 3_850n, HUF: 1_399_000n, VND: 879_000n } },
  { slug: "vpn-access-5", kind: "vpn", name: "VPN Access (5 users)", monthly: { EUR: 900n, USD: 990n, HUF: 359_000n, VND: 229_000n } },
];

const CYCLE_MONTHS: Record<BillingCycle, bigint> = { monthly: 1n, quarterly: 3n, semiannual: 6n, annual: 10n, biennial: 20n };

/** Standard VAT rates (basis points) of the providers' and customers' countries; staff can change them. */
export const DEMO_VAT_RATES: Record<string, number> = { SK: 2300, HU: 2700, VN: 1000, CZ: 2100, AT: 2000, DE: 1900 };

export async function seedBilling(tx: Tx, demoCustomerIds: string[]) {
  await tx.taxRate.createMany({ data: Object.entries(DEMO_VAT_RATES).map(([country, rateBp]) => ({ country, rateBp })), skipDuplicates: true });
  for (const [position, p] of PRODUCTS.entries()) {
    const product = await tx.product.create({ data: { slug: p.slug, kind: p.kind, name: p.name, position } });
    await tx.price.createMany({
      data: (Object.keys(p.monthly) as Currency[]).flatMap((currency) =>
        (Object.keys(CYCLE_MONTHS) as BillingCycle[]).map((cycle) => ({
          productId: product.id,
          currency,
          cycle,
          // Longer cycles are cheaper per month (annual = 10 months); VND has no minor unit to round.
          amountMinor: p.monthly[currency] * CYCLE_MONTHS[cycle],
          setupFeeMinor: p.setup?.[currency] ?? 0n,
        })),
      ),
    });
  }
  // Every demo service runs monthly at the catalog price in its customer's currency.
  const services = await tx.service.findMany({ where: { customerId: { in: demoCustomerIds } }, select: { id: true, name: true, nextDueDate: true, customer: { select: { currency: true } } } });
  const products = await tx.product.findMany({ where: { slug: { in: PRODUCTS.map((p) => p.slug) } }, include: { prices: { where: { cycle: "monthly" } } } });
  for (const service of services) {
    const product = products.find((p) => p.name === service.name);
    const price = product?.prices.find((pr) => pr.currency === service.customer.currency);
    if (!product || !price) continue;
    await tx.service.update({
      where: { id: service.id },
      data: { productId: product.id, billingCycle: "monthly", recurringMinor: price.amountMinor, billingAnchorDay: service.nextDueDate?.getUTCDate() ?? null },
    });
  }
  await seedDemoQuotes(tx);
}

/** Two quotes for Acme Studio (C-1001): one sent and still valid, one that expired unanswered. */
async function seedDemoQuotes(tx: Tx, now = new Date()) {
  const acme = await tx.customer.findUnique({ where: { contractNumber: "C-1001" }, select: { id: true, currency: true, country: true, vatId: true } });
  if (!acme) return;
  const treatment = taxTreatment({ providerCountry: getEnv().BILLING_PROVIDER_COUNTRY, customerCountry: acme.country, customerVatId: acme.vatId, isBusiness: Boolean(acme.vatId) });
  const taxRateBp = treatmentRate(treatment, DEMO_VAT_RATES);
  const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
  const quotes = [
    {
      subject: "Managed Kubernetes for app-01.acme-studio.vn",
      status: "sent" as const,
      sentDaysAgo: 3,
      validDays: 27,
      lines: [
        { description: "Managed Kubernetes control plane (monthly)", quantityMilli: 1000, unitPriceMinor: 8_900n },
        { description: "Worker node, 4 vCPU / 8 GB RAM (monthly)", quantityMilli: 3000, unitPriceMinor: 2_400n },
        { description: "Migration of the existing VPS workload, one-time", quantityMilli: 1000, unitPriceMinor: 35_000n },
      ],
    },
    {
      subject: "Additional backup storage, 1 TB",
      status: "expired" as const,
      sentDaysAgo: 45,
      validDays: 30,
      lines: [{ description: "Off-site backup storage 1 TB (annual)", quantityMilli: 1000, unitPriceMinor: 12_000n }],
    },
  ];
  for (const q of quotes) {
    const sentAt = day(-q.sentDaysAgo);
    const lines = q.lines.map((l, position) => ({ ...l, position, netMinor: multiplyQuantity(l.unitPriceMinor, l.quantityMilli), taxRateBp }));
    const totals = invoiceTotals(lines.map((l) => ({ netMinor: l.netMinor, rateBp: l.taxRateBp })));
    const { number } = await takeNextNumber(tx, "Q", sentAt.getUTCFullYear());
    await tx.quote.create({
      data: {
        customerId: acme.id,
        number,
        subject: q.subject,
        status: q.status,
        currency: acme.currency,
        subtotalMinor: totals.netMinor,
        taxMinor: totals.taxMinor,
        totalMinor: totals.grossMinor,
        validUntil: day(q.validDays - q.sentDaysAgo),
        notes: "Work starts within five working days of acceptance.",
        sentAt,
        createdAt: sentAt,
        lines: { create: lines },
      },
    });
  }
}
