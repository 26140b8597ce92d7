// Demo data (DESIGN.md §8): one realistic hosting provider with several customers and the demo
// logins. Run with `npm run db:seed` (DATABASE_URL and AUTH_SECRET or ENCRYPTION_KEY set). Importing
// this file runs nothing; tests call `seed(db)`.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { DomainStatus, InvoiceStatus, ServiceKind, ServiceStatus, TicketPriority, TicketStatus } from "@/lib/generated/prisma/client";
import type { PresetName, StaffRoleKey } from "@/lib/auth/permissions";
import {
  type DbClient,
  addMember,
  createCustomer,
  createDomain,
  createService,
  createUser,
  daysFromNow,
  ensureStaffRole,
  passwordHashFor,
} from "@/tests/helpers/factories";
import { encryptSecret } from "@/lib/auth/crypto";
import { seedBilling } from "./seed-billing";
import { type DemoInvoiceSpec, seedDemoInvoices } from "./seed-invoices";
import { seedSupportContent } from "./seed-content";
import { createDemoTicket, seedSupportDesk } from "./seed-support";
import { seedServices } from "./seed-services";
import { seedUsage } from "./seed-usage";
import { seedDomains } from "./seed-domains";

export const DEMO_PASSWORD = "portico-demo-2026";
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";
export const DEMO_EMAIL_DOMAIN = "demo.portico.test";

type CustomerKey = "acme" | "beta" | "tatra" | "duna" | "northwind";

type DemoCustomer = {
  key: CustomerKey;
  name: string;
  contractNumber: string;
  currency: string;
  country: string;
  email: string;
  phone: string;
  addressLine1: string;
  addressLine2?: string;
  city: string;
  postcode: string;
  vatId?: string;
  ageDays: number;
  services: { kind: ServiceKind; name: string; label: string; status: ServiceStatus; dueInDays: number | null; ageDays: number }[];
  domains: { name: string; status: DomainStatus; expiresInDays: number | null; autoRenew?: boolean; ageDays: number }[];
  /** `totalMinor` in the customer's currency; `dueInDays` counts from today. */
  invoices: { status: InvoiceStatus; totalMinor: bigint; issuedDaysAgo: number | null; dueInDays: number; paidDaysAgo?: number }[];
  tickets: { department: "technical" | "sales-billing"; subject: string; status: TicketStatus; priority: TicketPriority; openedDaysAgo: number; lastReplyDaysAgo: number }[];
  /** Shown on the dashboard; staff check it when the customer calls. */
  supportPin: string;
};

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    key: "acme",
    supportPin: "482913",
    name: "Acme Studio",
    contractNumber: "C-1001",
    currency: "EUR",
    country: "VN",
    email: "accounts@acme-studio.vn",
    phone: "+84 28 3823 4567",
    addressLine1: "12 Nguyễn Huệ, Bến Nghé Ward",
    addressLine2: "District 1",
    city: "Ho Chi Minh City",
    postcode: "700000",
    vatId: "0312345678",
    ageDays: 730,
    services: [
      { kind: "hosting", name: "Web Hosting Business", label: "acme-studio.vn", status: "active", dueInDays: 41, ageDays: 700 },
      { kind: "hosting", name: "Web Hosting Starter", label: "staging.acme-studio.vn", status: "active", dueInDays: 11, ageDays: 320 },
      { kind: "vps", name: "VPS M (4 vCPU, 8 GB RAM, 160 GB NVMe)", label: "app-01.acme-studio.vn", status: "active", dueInDays: 11, ageDays: 410 },
      { kind: "vps", name: "VPS S (2 vCPU, 4 GB RAM, 80 GB NVMe)", label: "ci-runner.acme-studio.vn", status: "suspended", dueInDays: -26, ageDays: 180 },
      { kind: "voip", name: "VoIP Trunk (10 channels)", label: "+84 28 3823 4567", status: "active", dueInDays: 11, ageDays: 560 },
      { kind: "housing", name: "Server Housing 1U", label: "Rack B12, U17 — DC Tân Thuận", status: "active", dueInDays: 72, ageDays: 500 },
      { kind: "vpn", name: "VPN Access (5 users)", label: "vpn.acme-studio.vn", status: "active", dueInDays: 11, ageDays: 240 },
      { kind: "dedicated", name: "Dedicated Server E-2388G (64 GB RAM)", label: "db-01.acme-studio.vn", status: "pending", dueInDays: 12, ageDays: 2 },
      { kind: "hosting", name: "Web Hosting Starter", label: "old-site.acme-studio.vn", status: "cancelled", dueInDays: null, ageDays: 690 },
    ],
    domains: [
      { name: "acme-studio.vn", status: "active", expiresInDays: 20, ageDays: 720 },
      { name: "acme-studio.com", status: "active", expiresInDays: 243, ageDays: 700 },
      { name: "acme-studio.com.vn", status: "active", expiresInDays: 151, ageDays: 580 },
      { name: "acmestudio.eu", status: "active", expiresInDays: 402, ageDays: 300 },
      { name: "acme-studio.sk", status: "expired", expiresInDays: -12, autoRenew: false, ageDays: 377 },
      { name: "acme.design", status: "pending_transfer", expiresInDays: 95, ageDays: 3 },
    ],
    invoices: [
      { status: "paid", totalMinor: 24_380n, issuedDaysAgo: 120, dueInDays: -106, paidDaysAgo: 110 },
      { status: "paid", totalMinor: 24_380n, issuedDaysAgo: 90, dueInDays: -76, paidDaysAgo: 84 },
      { status: "cancelled", totalMinor: 4_900n, issuedDaysAgo: 70, dueInDays: -56 },
      { status: "paid", totalMinor: 26_880n, issuedDaysAgo: 60, dueInDays: -46, paidDaysAgo: 47 },
      { status: "paid", totalMinor: 11_900n, issuedDaysAgo: 45, dueInDays: -31, paidDaysAgo: 44 },
      { status: "unpaid", totalMinor: 26_880n, issuedDaysAgo: 40, dueInDays: -26 },
      { status: "unpaid", totalMinor: 3_490n, issuedDaysAgo: 25, dueInDays: -11 },
      { status: "unpaid", totalMinor: 26_880n, issuedDaysAgo: 5, dueInDays: 9 },
      { status: "unpaid", totalMinor: 59_000n, issuedDaysAgo: 2, dueInDays: 12 },
      { status: "draft", totalMinor: 9_900n, issuedDaysAgo: null, dueInDays: 30 },
    ],
    tickets: [
      { department: "technical", subject: "Website returns 502 Bad Gateway after the PHP 8.3 upgrade", status: "in_progress", priority: "urgent", openedDaysAgo: 1, lastReplyDaysAgo: 0 },
      { department: "technical", subject: "VoIP trunk: one-way audio on outbound calls", status: "open", priority: "urgent", openedDaysAgo: 0, lastReplyDaysAgo: 0 },
      { department: "technical", subject: "Please add SPF and DKIM records for acme-studio.vn", status: "answered", priority: "normal", openedDaysAgo: 4, lastReplyDaysAgo: 1 },
      { department: "technical", subject: "Remote hands: replace the failed disk in our 1U server (Rack B12)", status: "on_hold", priority: "normal", openedDaysAgo: 6, lastReplyDaysAgo: 3 },
      { department: "technical", subject: "Transfer acme.design from our previous registrar", status: "open", priority: "low", openedDaysAgo: 3, lastReplyDaysAgo: 3 },
      { department: "technical", subject: "SSL certificate renewal for shop.acme-studio.vn", status: "closed", priority: "normal", openedDaysAgo: 40, lastReplyDaysAgo: 37 },
      { department: "sales-billing", subject: "Invoice copy with our new VAT ID, please", status: "answered", priority: "normal", openedDaysAgo: 2, lastReplyDaysAgo: 1 },
      { department: "sales-billing", subject: "Upgrade VPS M to VPS L before our product launch", status: "customer_reply", priority: "normal", openedDaysAgo: 5, lastReplyDaysAgo: 0 },
      { department: "sales-billing", subject: "Refund of a duplicate card payment", status: "closed", priority: "low", openedDaysAgo: 58, lastReplyDaysAgo: 55 },
    ],
  },
  {
    key: "beta",
    supportPin: "730155",
    name: "Beta Shop",
    contractNumber: "C-1002",
    currency: "VND",
    country: "VN",
    email: "ketoan@betashop.vn",
    phone: "+84 24 3936 1122",
    addressLine1: "45 Hàng Bài, Hàng Bài Ward",
    addressLine2: "Hoàn Kiếm District",
    city: "Hà Nội",
    postcode: "100000",
    vatId: "0109876543",
    ageDays: 400,
    services: [
      { kind: "hosting", name: "WordPress Hosting Pro", label: "betashop.vn", status: "active", dueInDays: 18, ageDays: 395 },
      { kind: "vps", name: "VPS S (2 vCPU, 4 GB RAM, 80 GB NVMe)", label: "shop-db.betashop.vn", status: "active", dueInDays: 18, ageDays: 200 },
    ],
    domains: [
      { name: "betashop.vn", status: "active", expiresInDays: 64, ageDays: 398 },
      { name: "betashop.com.vn", status: "active", expiresInDays: 301, ageDays: 390 },
      { name: "beta-shop.net", status: "expired", expiresInDays: -40, autoRenew: false, ageDays: 405 },
    ],
    invoices: [
      { status: "paid", totalMinor: 1_250_000n, issuedDaysAgo: 75, dueInDays: -61, paidDaysAgo: 70 },
      { status: "paid", totalMinor: 1_250_000n, issuedDaysAgo: 45, dueInDays: -31, paidDaysAgo: 43 },
      { status: "unpaid", totalMinor: 2_750_000n, issuedDaysAgo: 20, dueInDays: -6 },
      { status: "unpaid", totalMinor: 1_250_000n, issuedDaysAgo: 3, dueInDays: 11 },
    ],
    tickets: [
      { department: "technical", subject: "Checkout page is slow during the flash sale", status: "open", priority: "urgent", openedDaysAgo: 0, lastReplyDaysAgo: 0 },
      { department: "sales-billing", subject: "Red invoice (hóa đơn đỏ) for last month's payment", status: "answered", priority: "normal", openedDaysAgo: 3, lastReplyDaysAgo: 1 },
      { department: "technical", subject: "Restore yesterday's backup of the product database", status: "closed", priority: "normal", openedDaysAgo: 21, lastReplyDaysAgo: 20 },
    ],
  },
  {
    key: "tatra",
    supportPin: "219846",
    name: "Tatra Web s.r.o.",
    contractNumber: "C-1003",
    currency: "EUR",
    country: "SK",
    email: "fakturacia@tatraweb.sk",
    phone: "+421 2 5443 1200",
    addressLine1: "Obchodná 15",
    city: "Bratislava",
    postcode: "811 06",
    vatId: "SK2021234567",
    ageDays: 210,
    services: [
      { kind: "hosting", name: "Web Hosting Business", label: "tatraweb.sk", status: "active", dueInDays: 25, ageDays: 205 },
      { kind: "vps", name: "VPS L (8 vCPU, 16 GB RAM, 320 GB NVMe)", label: "k8s-node-1.tatraweb.sk", status: "active", dueInDays: 25, ageDays: 120 },
    ],
    domains: [{ name: "tatraweb.sk", status: "active", expiresInDays: 155, ageDays: 209 }],
    invoices: [
      { status: "paid", totalMinor: 10_680n, issuedDaysAgo: 35, dueInDays: -21, paidDaysAgo: 30 },
      { status: "unpaid", totalMinor: 10_680n, issuedDaysAgo: 5, dueInDays: 9 },
    ],
    tickets: [
      { department: "sales-billing", subject: "Change the billing contact to our accountant", status: "closed", priority: "low", openedDaysAgo: 15, lastReplyDaysAgo: 14 },
    ],
  },
  {
    key: "duna",
    supportPin: "605372",
    name: "Duna Digital Kft.",
    contractNumber: "C-1004",
    currency: "HUF",
    country: "HU",
    email: "szamlazas@dunadigital.hu",
    phone: "+36 1 555 0142",
    addressLine1: "Váci utca 42",
    city: "Budapest",
    postcode: "1056",
    vatId: "HU12345678",
    ageDays: 30,
    services: [
      { kind: "dedicated", name: "Dedicated Server EPYC 4344P (128 GB RAM)", label: "render-01.dunadigital.hu", status: "active", dueInDays: 1, ageDays: 29 },
      { kind: "voip", name: "VoIP Trunk (4 channels)", label: "+36 1 555 0142", status: "active", dueInDays: 1, ageDays: 29 },
    ],
    domains: [{ name: "dunadigital.hu", status: "active", expiresInDays: 335, ageDays: 30 }],
    invoices: [
      { status: "paid", totalMinor: 4_890_000n, issuedDaysAgo: 29, dueInDays: -21, paidDaysAgo: 27 },
      { status: "unpaid", totalMinor: 5_334_000n, issuedDaysAgo: 12, dueInDays: -4 },
    ],
    tickets: [
      { department: "technical", subject: "Reverse DNS for 203.0.113.45", status: "in_progress", priority: "normal", openedDaysAgo: 1, lastReplyDaysAgo: 1 },
      { department: "sales-billing", subject: "Invoices in English and Hungarian", status: "open", priority: "low", openedDaysAgo: 2, lastReplyDaysAgo: 2 },
    ],
  },
  {
    key: "northwind",
    supportPin: "947021",
    name: "Northwind Labs LLC",
    contractNumber: "C-1005",
    currency: "USD",
    country: "US",
    email: "ap@northwindlabs.example",
    phone: "+1 415 555 0199",
    addressLine1: "500 Howard Street, Suite 300",
    city: "San Francisco, CA",
    postcode: "94105",
    ageDays: 3,
    services: [{ kind: "vps", name: "VPS M (4 vCPU, 8 GB RAM, 160 GB NVMe)", label: "api.northwindlabs.example", status: "active", dueInDays: 27, ageDays: 3 }],
    domains: [{ name: "northwindlabs.dev", status: "pending_registration", expiresInDays: null, ageDays: 3 }],
    invoices: [{ status: "paid", totalMinor: 3_900n, issuedDaysAgo: 3, dueInDays: 11, paidDaysAgo: 3 }],
    tickets: [
      { department: "technical", subject: "Which ports are open by default on a new VPS?", status: "answered", priority: "low", openedDaysAgo: 2, lastReplyDaysAgo: 1 },
    ],
  },
];

type DemoLogin = {
  email: string;
  name: string;
  who: string;
  timeZone: string;
  staffRole?: StaffRoleKey;
  totp?: boolean;
  memberships?: { customer: CustomerKey; preset: PresetName }[];
};

export const DEMO_LOGINS: DemoLogin[] = [
  { email: `owner@${DEMO_EMAIL_DOMAIN}`, name: "Nguyễn Thị Lan", who: "owner of Acme Studio (C-1001)", timeZone: "Asia/Ho_Chi_Minh", memberships: [{ customer: "acme", preset: "owner" }] },
  { email: `billing@${DEMO_EMAIL_DOMAIN}`, name: "Trần Minh Khoa", who: "Acme Studio contact, Billing preset", timeZone: "Asia/Ho_Chi_Minh", memberships: [{ customer: "acme", preset: "billing" }] },
  { email: `tech@${DEMO_EMAIL_DOMAIN}`, name: "Phạm Quốc Huy", who: "Acme Studio contact, Technical preset", timeZone: "Asia/Ho_Chi_Minh", memberships: [{ customer: "acme", preset: "technical" }] },
  { email: `other@${DEMO_EMAIL_DOMAIN}`, name: "Lê Thu Hà", who: "owner of Beta Shop (C-1002)", timeZone: "Asia/Ho_Chi_Minh", memberships: [{ customer: "beta", preset: "owner" }] },
  {
    email: `multi@${DEMO_EMAIL_DOMAIN}`,
    name: "Eva Horváthová",
    who: "Billing contact of Acme Studio and Tatra Web (customer switcher)",
    timeZone: "Europe/Bratislava",
    memberships: [
      { customer: "acme", preset: "billing" },
      { customer: "tatra", preset: "billing" },
    ],
  },
  { email: `admin@${DEMO_EMAIL_DOMAIN}`, name: "Martin Kováč", who: "staff administrator (TOTP)", timeZone: "Europe/Bratislava", staffRole: "administrator", totp: true },
  { email: `agent@${DEMO_EMAIL_DOMAIN}`, name: "Szabó Réka", who: "staff support agent (TOTP)", timeZone: "Europe/Budapest", staffRole: "support_agent", totp: true },
];

/** Who opened the demo tickets, per customer and department (customers without a login have none). */
const TICKET_CONTACTS: Partial<Record<CustomerKey, Record<"technical" | "sales-billing", string>>> = {
  acme: { technical: `tech@${DEMO_EMAIL_DOMAIN}`, "sales-billing": `billing@${DEMO_EMAIL_DOMAIN}` },
  beta: { technical: `other@${DEMO_EMAIL_DOMAIN}`, "sales-billing": `other@${DEMO_EMAIL_DOMAIN}` },
  tatra: { technical: `multi@${DEMO_EMAIL_DOMAIN}`, "sales-billing": `multi@${DEMO_EMAIL_DOMAIN}` },
};

export type SeedResult = { created: boolean; message: string };

/** True when the demo data (or part of it) is already there. */
async function demoDataExists(db: DbClient): Promise<boolean> {
  const [customer, user] = await Promise.all([
    db.customer.findFirst({ where: { contractNumber: { in: DEMO_CUSTOMERS.map((c) => c.contractNumber) } }, select: { id: true } }),
    db.user.findFirst({ where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } }, select: { id: true } }),
  ]);
  return Boolean(customer || user);
}

/** Builds the demo provider in one transaction; a second run changes nothing. */
export async function seed(db: PrismaClient, now = new Date()): Promise<SeedResult> {
  if (process.env.NODE_ENV === "production") throw new Error("The demo seed never runs with NODE_ENV=production.");
  if (await demoDataExists(db)) return { created: false, message: "Demo data already present; nothing to do." };

  // argon2 is slow on purpose: hash once, outside the transaction.
  await passwordHashFor(DEMO_PASSWORD);
  const ago = (days: number) => daysFromNow(-days, now);
  const ahead = (days: number) => daysFromNow(days, now);

  await db.$transaction(
    async (tx) => {
      for (const key of ["administrator", "support_agent", "billing_clerk"] as const) await ensureStaffRole(tx, key);
      const departments = await seedSupportDesk(tx);

      const demoInvoices: DemoInvoiceSpec[] = [];
      const demoTickets: { customer: CustomerKey; ticket: DemoCustomer["tickets"][number] }[] = [];
      const customerIds = {} as Record<CustomerKey, string>;
      for (const c of DEMO_CUSTOMERS) {
        const customer = await createCustomer(tx, {
          name: c.name,
          contractNumber: c.contractNumber,
          currency: c.currency,
          country: c.country,
          email: c.email,
          phone: c.phone,
          addressLine1: c.addressLine1,
          addressLine2: c.addressLine2,
          city: c.city,
          postcode: c.postcode,
          vatId: c.vatId,
          createdAt: ago(c.ageDays),
        });
        customerIds[c.key] = customer.id;
        for (const s of c.services) {
          await createService(tx, customer.id, {
            kind: s.kind,
            name: s.name,
            label: s.label,
            status: s.status,
            nextDueDate: s.dueInDays === null ? null : ahead(s.dueInDays),
            createdAt: ago(s.ageDays),
          });
        }
        for (const d of c.domains) {
          await createDomain(tx, customer.id, {
            name: d.name,
            status: d.status,
            expiresAt: d.expiresInDays === null ? null : ahead(d.expiresInDays),
            autoRenew: d.autoRenew ?? true,
            createdAt: ago(d.ageDays),
          });
        }
        for (const i of c.invoices) {
          demoInvoices.push({
            customer: { id: customer.id, currency: c.currency, country: c.country, vatId: c.vatId ?? null },
            status: i.status,
            grossMinor: i.totalMinor,
            issuedAt: i.issuedDaysAgo === null ? null : ago(i.issuedDaysAgo),
            dueDate: ahead(i.dueInDays),
            paidAt: i.paidDaysAgo === undefined ? null : ago(i.paidDaysAgo),
          });
        }
        await tx.customer.update({ where: { id: customer.id }, data: { supportPinEnc: encryptSecret(c.supportPin), supportPinUpdatedAt: now } });
        for (const t of c.tickets) demoTickets.push({ customer: c.key, ticket: t });
      }

      const users = new Map<string, { id: string; name: string; email: string }>();
      for (const login of DEMO_LOGINS) {
        const user = await createUser(tx, {
          email: login.email,
          name: login.name,
          password: DEMO_PASSWORD,
          timeZone: login.timeZone,
          staffRole: login.staffRole,
          totpSecret: login.totp ? DEMO_TOTP_SECRET : undefined,
        });
        // Distinct membership times keep the default customer (the oldest membership) stable.
        const memberships = login.memberships ?? [];
        for (const [index, m] of memberships.entries()) {
          const createdAt = new Date(now.getTime() - (memberships.length - index) * 1000);
          await addMember(tx, user.id, customerIds[m.customer], { preset: m.preset, createdAt });
        }
        users.set(login.email, { id: user.id, name: user.name, email: user.email });
      }

      // The catalog and VAT rates; demo services are tied to their product and monthly price.
      await seedBilling(tx, Object.values(customerIds));
      await seedDemoInvoices(tx, demoInvoices, now);

      // Knowledge base, announcements, servers and network issues; demo services run on those servers.
      const { serverIds } = await seedSupportContent(tx, now);
      // Only the demo customers' rows: the database may hold other data (a test database, an install being evaluated).
      const demoCustomerIds = Object.values(customerIds);
      const demoServices = { customerId: { in: demoCustomerIds } };
      await tx.service.updateMany({ where: { ...demoServices, kind: "hosting", customer: { country: "VN" } }, data: { serverId: serverIds.hcmWeb } });
      await tx.service.updateMany({ where: { ...demoServices, kind: "hosting", customer: { country: { not: "VN" } } }, data: { serverId: serverIds.btsWeb } });
      await tx.service.updateMany({ where: { ...demoServices, kind: "vps" }, data: { serverId: serverIds.budVps } });
      await tx.service.updateMany({ where: { ...demoServices, kind: "vpn" }, data: { serverId: serverIds.hcmWeb } });
      // Control-panel accounts of the demo hosting services, product packages and options; then usage history.
      await seedServices(tx, now, demoCustomerIds);
      await seedUsage(tx, now, demoCustomerIds);
      // The TLD catalog and the demo domains' TLDs.
      await seedDomains(tx, demoCustomerIds);

      // Tickets come last: they name their contact and the agent who answered.
      const agent = users.get(`agent@${DEMO_EMAIL_DOMAIN}`)!;
      for (const [index, { customer, ticket: t }] of demoTickets.entries()) {
        const contact = users.get(TICKET_CONTACTS[customer]?.[t.department] ?? "") ?? null;
        const company = DEMO_CUSTOMERS.find((c) => c.key === customer)!;
        await createDemoTicket(tx, {
          customerId: customerIds[customer],
          departmentId: departments[t.department].id,
          subject: t.subject,
          status: t.status,
          priority: t.priority,
          openedAt: ago(t.openedDaysAgo + 0.2),
          lastReplyAt: ago(t.lastReplyDaysAgo + 0.1),
          contact: contact ?? { id: null, name: company.name, email: company.email },
          agent,
          assign: index % 2 === 0,
        });
      }
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return { created: true, message: "Demo data created." };
}

export function demoSummary(): string {
  const width = Math.max(...DEMO_LOGINS.map((l) => l.email.length));
  return [
    `Demo logins (password: ${DEMO_PASSWORD})`,
    ...DEMO_LOGINS.map((l) => `  ${l.email.padEnd(width)}  ${l.who}`),
    `TOTP secret for admin@ and agent@: ${DEMO_TOTP_SECRET} (add it to any authenticator app)`,
  ].join("\n");
}

async function main() {
  await import("dotenv/config");
  if (process.env.NODE_ENV === "production") {
    console.error("[seed] refusing to run: NODE_ENV=production (demo data never goes into production).");
    process.exit(1);
  }
  if (!process.env.DATABASE_URL) {
    console.error("[seed] DATABASE_URL is not set.");
    process.exit(1);
  }
  if (!process.env.AUTH_SECRET && !process.env.ENCRYPTION_KEY) {
    console.error("[seed] AUTH_SECRET (or ENCRYPTION_KEY) must be set: it encrypts the demo TOTP secret, and the app must use the same one.");
    process.exit(1);
  }
  const { PrismaClient } = await import("@/lib/generated/prisma/client");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  try {
    if (!(await demoDataExists(db)) && (await db.user.count()) > 0) {
      console.error("[seed] refusing to run: the database already has users but no demo data (the seed is for an empty database).");
      process.exitCode = 1;
      return;
    }
    const result = await seed(db);
    console.log(`[seed] ${result.message}`);
    console.log(demoSummary());
  } finally {
    await db.$disconnect();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error("[seed] failed:", error);
    process.exit(1);
  });
}
