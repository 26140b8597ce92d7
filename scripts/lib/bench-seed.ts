// Seeds a large provider for `npm run bench` with set-based SQL (INSERT … SELECT generate_series):
// hundreds of thousands of rows in seconds. Every statement is a constant; sizes and values travel
// as bind parameters. Deliberately free of `server-only` modules so plain `tsx` can run it.
import { hash } from "@node-rs/argon2";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PRESETS, STAFF_ROLES, STAFF_ROLE_TICKET_DEPARTMENTS, type StaffRoleKey } from "@/lib/auth/permissions";

export const BENCH_OWNER_EMAIL = "bench-owner@portico.test";
export const BENCH_OWNER_CONTRACT = "BENCH-0001";
/** The staff administrator who drives the queue. */
export const BENCH_STAFF_EMAIL = "bench-admin@portico.test";
export const BENCH_PASSWORD = "portico-bench-2026";

/**
 * Bump when the seed's shape changes: a bench database carrying another version (or seeded before
 * the latest migration) is dropped and seeded again rather than migrated with stale data in it.
 */
const BENCH_SEED_VERSION = 3;

/** Rows at scale 1 (issue 2 §7: at least 10k customers, 50k services, 200k invoices, 100k tickets). */
const FULL_SIZE = { customers: 10_000, services: 50_000, invoices: 200_000, tickets: 100_000, domains: 20_000 } as const;
/**
 * The bench owner's own customer: a busy customer; 60 tickets (24 not closed) so the list
 * paginates, and 2,000 invoices (issue 4: the invoice list of a customer with 2,000 invoices).
 */
const OWNER_DATA = { services: 10, invoices: 2_000, tickets: 60, domains: 4 } as const;
// A sample of customers has logins: an owner for every 10th, a billing contact for every 40th.
const OWNER_EVERY = 10;
const BILLING_CONTACT_EVERY = 40;
/** The support team, the same at every size: the bench administrator, six agents, two billing clerks. */
const STAFF: readonly { role: StaffRoleKey; count: number }[] = [
  { role: "administrator", count: 1 },
  { role: "support_agent", count: 6 },
  { role: "billing_clerk", count: 2 },
];
const STAFF_COUNT = STAFF.reduce((n, s) => n + s.count, 0);
const STAFF_ROLE_NAMES: Record<StaffRoleKey, string> = { administrator: "Administrator", support_agent: "Support agent", billing_clerk: "Billing clerk" };

export type BenchSize = { customers: number; services: number; invoices: number; tickets: number; domains: number };

export function benchSize(scale: number): BenchSize {
  const of = (n: number) => Math.max(1, Math.round(n * scale));
  return {
    customers: of(FULL_SIZE.customers),
    services: of(FULL_SIZE.services),
    invoices: of(FULL_SIZE.invoices),
    tickets: of(FULL_SIZE.tickets),
    domains: of(FULL_SIZE.domains),
  };
}

type TableCounts = {
  customers: number;
  services: number;
  invoices: number;
  tickets: number;
  "tickets not closed": number;
  domains: number;
  users: number;
  staff: number;
  memberships: number;
};

/** Ticket statuses by `g % 20` for everyone but the owner: 30 % not closed, 20 % waiting for staff. */
const TICKET_STATUSES_BY_20 = ["open", "open", "customer_reply", "in_progress", "answered", "on_hold", ...Array<string>(14).fill("closed")];
/** The owner's tickets by `k % 10`: 4 in 10 not closed, a few of them "answered" for the dashboard panel. */
const OWNER_TICKET_STATUSES_BY_10 = ["open", "answered", "closed", "closed", "closed", "customer_reply", "in_progress", "closed", "closed", "closed"];

function notClosed(total: number, statuses: readonly string[]): number {
  let n = 0;
  for (let g = 1; g <= total; g++) if (statuses[g % statuses.length] !== "closed") n++;
  return n;
}

function expectedCounts(size: BenchSize): TableCounts {
  const logins = Math.floor(size.customers / OWNER_EVERY) + Math.floor(size.customers / BILLING_CONTACT_EVERY) + 1;
  return {
    customers: size.customers + 1,
    services: size.services + OWNER_DATA.services,
    invoices: size.invoices + OWNER_DATA.invoices,
    tickets: size.tickets + OWNER_DATA.tickets,
    "tickets not closed": notClosed(size.tickets, TICKET_STATUSES_BY_20) + notClosed(OWNER_DATA.tickets, OWNER_TICKET_STATUSES_BY_10),
    domains: size.domains + OWNER_DATA.domains,
    users: logins + STAFF_COUNT,
    staff: STAFF_COUNT,
    memberships: logins,
  };
}

async function countRows(client: pg.Client): Promise<TableCounts> {
  const { rows } = await client.query<Record<keyof TableCounts, string>>(`
    SELECT (SELECT count(*) FROM "Customer") AS customers, (SELECT count(*) FROM "Service") AS services,
           (SELECT count(*) FROM "Invoice") AS invoices, (SELECT count(*) FROM "Ticket") AS tickets,
           (SELECT count(*) FROM "Ticket" WHERE status <> 'closed') AS "tickets not closed",
           (SELECT count(*) FROM "Domain") AS domains, (SELECT count(*) FROM "User") AS users,
           (SELECT count(*) FROM "User" WHERE "staffRoleId" IS NOT NULL) AS staff,
           (SELECT count(*) FROM "Membership") AS memberships`);
  const row = rows[0];
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as TableCounts;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Columns are `timestamp without time zone` holding UTC, as Prisma writes them.
    await client.query("SET TIME ZONE 'UTC'");
    return await fn(client);
  } finally {
    await client.end();
  }
}

// ── Marker ────────────────────────────────────────────────────────────────────────────────────
// Kept as the database's comment, so the bench adds nothing to the schema Prisma manages.

type BenchMarker = { version: number; migration: string; clock: string };

function latestMigration(): string {
  const dir = path.resolve("prisma/migrations");
  const names = fs.readdirSync(dir).filter((name) => fs.statSync(path.join(dir, name)).isDirectory());
  return names.sort().at(-1) ?? "";
}

async function readMarker(client: pg.Client): Promise<BenchMarker | null> {
  const { rows } = await client.query<{ comment: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()",
  );
  try {
    const parsed = JSON.parse(rows[0]?.comment ?? "null") as Partial<BenchMarker> | null;
    return parsed && typeof parsed.version === "number" && typeof parsed.migration === "string" && typeof parsed.clock === "string"
      ? { version: parsed.version, migration: parsed.migration, clock: parsed.clock }
      : null;
  } catch {
    return null;
  }
}

async function writeMarker(client: pg.Client, clock: Date) {
  const marker: BenchMarker = { version: BENCH_SEED_VERSION, migration: latestMigration(), clock: clock.toISOString() };
  // COMMENT takes no bind parameters; the database name is checked by embedded-pg and the text quoted here.
  const { rows } = await client.query<{ sql: string }>("SELECT format('COMMENT ON DATABASE %I IS %L', current_database(), $1::text) AS sql", [JSON.stringify(marker)]);
  await client.query(rows[0].sql);
}

/**
 * True when the database holds exactly the bench data of this size, seeded by this version of the
 * seed after the latest migration (anything else is rebuilt, never migrated in place).
 */
export async function isBenchSeeded(url: string, size: BenchSize): Promise<boolean> {
  return withClient(url, async (client) => {
    const marker = await readMarker(client);
    if (!marker || marker.version !== BENCH_SEED_VERSION || marker.migration !== latestMigration()) return false;
    return JSON.stringify(await countRows(client)) === JSON.stringify(expectedCounts(size));
  });
}

/**
 * Moves the waiting tickets' times forward by the time passed since seeding, so a database reused a
 * day later still has breached, due-soon and later tickets in the same proportions. Returns the shift in minutes.
 */
export async function refreshBenchClock(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const marker = await readMarker(client);
    if (!marker) throw new Error("not a bench database; run with --fresh");
    const { rows } = await client.query<{ now: Date }>("SELECT now() AS now");
    const now = rows[0].now;
    const minutes = Math.floor((now.getTime() - new Date(marker.clock).getTime()) / 60_000);
    if (minutes < 5) return 0;
    await client.query(
      `UPDATE "Ticket" SET "dueAt" = "dueAt" + shift, "lastReplyAt" = "lastReplyAt" + shift, "createdAt" = "createdAt" + shift,
                           "firstRespondedAt" = "firstRespondedAt" + shift, "updatedAt" = "updatedAt" + shift
       FROM (SELECT make_interval(mins => $1::int) AS shift) AS s
       WHERE status <> 'closed'`,
      [minutes],
    );
    await writeMarker(client, new Date(new Date(marker.clock).getTime() + minutes * 60_000));
    await client.query('VACUUM ANALYZE "Ticket"');
    return minutes;
  });
}

/** Fills an empty, migrated database. Returns the row counts it wrote. */
export async function seedBenchDatabase(url: string, size: BenchSize): Promise<TableCounts> {
  const passwordHash = await hash(BENCH_PASSWORD);
  return withClient(url, async (client) => {
    const existing = await countRows(client);
    if (existing.customers || existing.users) throw new Error("the bench database is not empty; run with --fresh");
    await client.query("BEGIN");
    let clock: Date;
    try {
      clock = (await client.query<{ now: Date }>("SELECT now() AS now")).rows[0].now;
      await seedWithin(client, size, passwordHash);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    await client.query("ANALYZE");
    const counts = await countRows(client);
    if (JSON.stringify(counts) !== JSON.stringify(expectedCounts(size))) {
      throw new Error(`bench seed wrote ${JSON.stringify(counts)}, expected ${JSON.stringify(expectedCounts(size))}`);
    }
    await writeMarker(client, clock);
    return counts;
  });
}

async function seedWithin(client: pg.Client, size: BenchSize, passwordHash: string) {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);

  await seedSupportDesk(client);

  // Customer n = 1..N, plus n = 0 for the bench owner's own customer.
  await q(`CREATE TEMP TABLE bench_customer ON COMMIT DROP AS
           SELECT g AS n, gen_random_uuid() AS id,
                  CASE WHEN g = 0 THEN 'EUR' ELSE (ARRAY['VND','EUR','HUF','USD','EUR'])[1 + g % 5] END AS currency
           FROM generate_series(0, $1::int) AS g`, [size.customers]);
  await q("ALTER TABLE bench_customer ADD PRIMARY KEY (n)");
  await q(`INSERT INTO "Customer" (id, "contractNumber", name, email, phone, "addressLine1", city, postcode, country, currency, "createdAt", "updatedAt")
           SELECT id,
                  CASE WHEN n = 0 THEN $1 ELSE 'B-' || lpad(n::text, 6, '0') END,
                  CASE WHEN n = 0 THEN 'Bench Owner Ltd.' ELSE 'Bench Customer ' || n END,
                  'accounts-' || n || '@bench.portico.test',
                  '+421 2 ' || lpad((n % 10000000)::text, 7, '0'),
                  n || ' Example Street',
                  (ARRAY['Ho Chi Minh City','Bratislava','Budapest','New York','Hà Nội'])[1 + n % 5],
                  lpad((10000 + n % 90000)::text, 5, '0'),
                  CASE currency WHEN 'VND' THEN 'VN' WHEN 'HUF' THEN 'HU' WHEN 'USD' THEN 'US' ELSE 'SK' END,
                  currency,
                  now()::timestamp - make_interval(days => 1 + n % 1500),
                  now()::timestamp
           FROM bench_customer`, [BENCH_OWNER_CONTRACT]);

  // Customer of row g: 1 + g % N spreads rows evenly; the owner's rows (customer 0) come separately.
  await q(`INSERT INTO "Service" (id, "customerId", kind, name, label, status, "nextDueDate", "createdAt")
           SELECT gen_random_uuid(), c.id,
                  (ARRAY['hosting','vps','dedicated','housing','voip','other'])[1 + g % 6]::"ServiceKind",
                  (ARRAY['Web Hosting Business','VPS M (4 vCPU, 8 GB RAM)','Dedicated Server E-2388G','Server Housing 1U','VoIP Trunk (10 channels)','Offsite Backup 500 GB'])[1 + g % 6],
                  'svc-' || g || '.bench.example',
                  (CASE WHEN g % 10 < 7 THEN 'active' WHEN g % 10 = 7 THEN 'suspended' WHEN g % 10 = 8 THEN 'cancelled' ELSE 'pending' END)::"ServiceStatus",
                  current_date + (g % 365) - 30,
                  now()::timestamp - make_interval(days => g % 1000)
           FROM generate_series(1, $1::int) AS g
           JOIN bench_customer c ON c.n = CASE WHEN g > $2::int THEN 0 ELSE 1 + g % $3::int END`,
    [size.services + OWNER_DATA.services, size.services, size.customers]);

  await q(`INSERT INTO "Domain" (id, "customerId", name, status, "expiresAt", "autoRenew", "createdAt")
           SELECT gen_random_uuid(), c.id,
                  CASE WHEN g > $2::int THEN 'bench-owner-' || (g - $2::int) ELSE 'bench-' || g END
                    || (ARRAY['.com','.vn','.sk','.hu','.eu'])[1 + g % 5],
                  (CASE WHEN g % 10 < 8 THEN 'active' WHEN g % 10 = 8 THEN 'expired' ELSE 'pending_transfer' END)::"DomainStatus",
                  now()::timestamp + make_interval(days => (g % 800) - 100),
                  g % 7 <> 0,
                  now()::timestamp - make_interval(days => g % 1200)
           FROM generate_series(1, $1::int) AS g
           JOIN bench_customer c ON c.n = CASE WHEN g > $2::int THEN 0 ELSE 1 + g % $3::int END`,
    [size.domains + OWNER_DATA.domains, size.domains, size.customers]);

  // 80 % paid, 15 % unpaid (recent, some overdue), 5 % cancelled; amounts sized per currency. Tax
  // invoices issued directly (a provider without proformas), so every one is listed.
  await q(`INSERT INTO "Invoice" (id, "customerId", kind, number, status, currency, "totalMinor", "issuedAt", "dueDate", "paidAt", "createdAt")
           SELECT gen_random_uuid(), c.id, 'tax', 'BI-' || lpad(g::text, 7, '0'), s.status::"InvoiceStatus", c.currency,
                  (g % 50 + 5) * CASE c.currency WHEN 'VND' THEN 100000 WHEN 'HUF' THEN 200000 ELSE 500 END,
                  s.issued, (s.issued + interval '14 days')::date,
                  CASE WHEN s.status = 'paid' THEN s.issued + make_interval(days => g % 10) END,
                  s.issued
           FROM generate_series(1, $1::int) AS g
           JOIN bench_customer c ON c.n = CASE WHEN g > $2::int THEN 0 ELSE 1 + g % $3::int END
           CROSS JOIN LATERAL (
             SELECT CASE WHEN g % 20 < 16 THEN 'paid' WHEN g % 20 < 19 THEN 'unpaid' ELSE 'cancelled' END AS status,
                    now()::timestamp - make_interval(days => CASE WHEN g % 20 BETWEEN 16 AND 18 THEN g % 40 ELSE 30 + g % 700 END) AS issued
           ) AS s`,
    [size.invoices + OWNER_DATA.invoices, size.invoices, size.customers]);

  // Logins for a sample of customers, and the bench owner (customer 0).
  await q(`CREATE TEMP TABLE bench_login ON COMMIT DROP AS
           SELECT gen_random_uuid() AS id, n AS customer_n, 'owner' AS role,
                  CASE WHEN n = 0 THEN $1 ELSE 'owner-' || n || '@bench.portico.test' END AS email
           FROM bench_customer WHERE n % $2::int = 0
           UNION ALL
           SELECT gen_random_uuid(), n, 'billing', 'billing-contact-' || n || '@bench.portico.test'
           FROM bench_customer WHERE n > 0 AND n % $3::int = 0`, [BENCH_OWNER_EMAIL, OWNER_EVERY, BILLING_CONTACT_EVERY]);
  await q(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
           SELECT id, email, CASE role WHEN 'owner' THEN 'Owner ' ELSE 'Accountant ' END || customer_n, $1, now()::timestamp
           FROM bench_login`, [passwordHash]);
  await q(`INSERT INTO "Membership" (id, "userId", "customerId", "isOwner", permissions, "updatedAt")
           SELECT gen_random_uuid(), l.id, c.id, l.role = 'owner',
                  CASE l.role WHEN 'owner' THEN $1::text[] ELSE $2::text[] END, now()::timestamp
           FROM bench_login l JOIN bench_customer c ON c.n = l.customer_n`, [[...PRESETS.owner], [...PRESETS.billing]]);

  await seedStaff(client, passwordHash);
  await seedTickets(client, size);
}

/** The two departments with their calendars, SLA targets and inbound addresses, as the demo seed has them. */
async function seedSupportDesk(client: pg.Client) {
  await client.query(`CREATE TEMP TABLE bench_calendar ON COMMIT DROP AS
                      SELECT * FROM (VALUES ('technical', gen_random_uuid()), ('sales-billing', gen_random_uuid())) AS v(slug, id)`);
  await client.query(`INSERT INTO "BusinessCalendar" (id, name, "timeZone", "alwaysOpen", "weeklyHours")
                      SELECT id, CASE slug WHEN 'technical' THEN '24/7' ELSE 'Office hours (Ho Chi Minh City)' END, 'Asia/Ho_Chi_Minh',
                             slug = 'technical',
                             CASE slug WHEN 'technical' THEN '[]'::jsonb ELSE $1::jsonb END
                      FROM bench_calendar`,
    [JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })))]);
  await client.query(`INSERT INTO "Department" (id, slug, name, email, "calendarId", "autoCloseAfterDays", position)
                      SELECT gen_random_uuid(), c.slug, v.name, v.email, c.id, 5, v.position
                      FROM bench_calendar c
                      JOIN (VALUES ('technical', 'Technical', 'support@bench.portico.test', 1),
                                   ('sales-billing', 'Sales & Billing', 'billing@bench.portico.test', 2)) AS v(slug, name, email, position)
                        ON v.slug = c.slug`);
  // Minutes: first response, next response (technical answers twice as fast as sales & billing).
  await client.query(`INSERT INTO "SlaPolicy" (id, "departmentId", priority, "firstResponseMinutes", "nextResponseMinutes")
                      SELECT gen_random_uuid(), d.id, p.priority::"TicketPriority", p.minutes * CASE d.slug WHEN 'technical' THEN 1 ELSE 2 END,
                             p.minutes * CASE d.slug WHEN 'technical' THEN 1 ELSE 2 END
                      FROM "Department" d CROSS JOIN (VALUES ('urgent', 30), ('normal', 60), ('low', 120)) AS p(priority, minutes)`);
}

/**
 * Staff roles with the permissions of lib/auth/permissions.ts, and the support team: staff index 0
 * is the bench administrator, then the agents, then the billing clerks. Each has a confirmed second
 * factor (totpEnabledAt): without it a staff session is sent to enrolment. No secret is stored
 * because the bench never types a code; its sessions are created already verified.
 */
async function seedStaff(client: pg.Client, passwordHash: string) {
  const roles = STAFF.map((s) => s.role);
  await client.query(`INSERT INTO "StaffRole" (id, key, name, permissions, "ticketDepartments")
                      SELECT gen_random_uuid(), r.key, r.name, r.permissions, r.departments
                      FROM jsonb_to_recordset($1::jsonb) AS r(key text, name text, permissions text[], departments text[])`,
    [JSON.stringify(roles.map((key) => ({ key, name: STAFF_ROLE_NAMES[key], permissions: [...STAFF_ROLES[key]], departments: [...STAFF_ROLE_TICKET_DEPARTMENTS[key]] })))]);
  await client.query(`CREATE TEMP TABLE bench_staff ON COMMIT DROP AS
                      SELECT (row_number() OVER (ORDER BY s.ord, g) - 1)::int AS i, gen_random_uuid() AS id, s.role, g AS k
                      FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS s(role, count, ord)
                      CROSS JOIN LATERAL generate_series(1, s.count) AS g`,
    [STAFF.map((s) => s.role), STAFF.map((s) => s.count)]);
  await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "timeZone", "staffRoleId", "totpEnabledAt", "updatedAt")
                      SELECT s.id,
                             CASE WHEN s.i = 0 THEN $1 ELSE replace(s.role, '_', '-') || '-' || s.k || '@staff.bench.portico.test' END,
                             CASE WHEN s.i = 0 THEN 'Bench Admin' ELSE initcap(replace(s.role, '_', ' ')) || ' ' || s.k END,
                             $2, 'Asia/Ho_Chi_Minh', r.id, now()::timestamp, now()::timestamp
                      FROM bench_staff s JOIN "StaffRole" r ON r.key = s.role`,
    [BENCH_STAFF_EMAIL, passwordHash]);
}

/**
 * Tickets spread over the customers, the owner's 60 last. Numbers follow the app's T-100001 … and
 * the sequence continues after them. Waiting for staff (open, customer_reply, in_progress): a due
 * time, 10 % of them breached (up to two days late), 5 % due within the hour, the rest over the next
 * three days; answered, on hold and closed tickets have none. 70 % are assigned (a billing clerk only
 * within Sales & Billing); the contact is the customer's owner login when there is one. No thread
 * rows: the list pages read none.
 */
async function seedTickets(client: pg.Client, size: BenchSize) {
  await client.query(
    `INSERT INTO "Ticket" (id, number, "customerId", "departmentId", subject, status, priority, source, "contactUserId", "assigneeId",
                           "replyToken", "dueAt", "firstRespondedAt", "lastReplyAt", "closedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'T-' || (100000 + g), c.id, d.id,
            (ARRAY['Website returns 502 after an update','Please add an SPF record','Invoice copy with VAT ID',
                   'Upgrade VPS to a larger plan','VoIP trunk one-way audio','Restore a backup','Transfer a domain',
                   'SSL certificate renewal'])[1 + g % 8],
            s.status::"TicketStatus", s.priority::"TicketPriority",
            (CASE WHEN contact.id IS NOT NULL AND g % 4 <> 0 THEN 'portal' WHEN g % 10 = 0 THEN 'staff' ELSE 'email' END)::"TicketSource",
            contact.id, a.id,
            substr(md5(random()::text || g::text), 1, 24),
            due.at,
            CASE WHEN s.status <> 'open' THEN LEAST(t.created + make_interval(mins => 5 + g % 120), t.last_reply) END,
            t.last_reply,
            CASE WHEN s.status = 'closed' THEN t.last_reply END,
            t.created, t.last_reply
     FROM generate_series(1, $1::int) AS g
     JOIN bench_customer c ON c.n = CASE WHEN g > $2::int THEN 0 ELSE 1 + g % $3::int END
     CROSS JOIN LATERAL (
       SELECT CASE WHEN g > $2::int THEN ($4::text[])[1 + (g - $2::int) % 10] ELSE ($5::text[])[1 + g % 20] END AS status,
              CASE WHEN g % 7 = 0 THEN 'urgent' WHEN g % 7 < 3 THEN 'low' ELSE 'normal' END AS priority,
              CASE WHEN g % 3 = 0 THEN 'sales-billing' ELSE 'technical' END AS department
     ) AS s
     JOIN "Department" d ON d.slug = s.department
     LEFT JOIN bench_login contact ON contact.customer_n = c.n AND contact.role = 'owner'
     -- Staff 0–6 (administrator, agents) take technical tickets, 1–8 (agents, clerks) sales & billing ones.
     LEFT JOIN bench_staff a ON (g / 11) % 10 < 7 AND a.i = CASE s.department WHEN 'sales-billing' THEN 1 + (g / 7) % 8 ELSE (g / 7) % 7 END
     -- g / 20 varies independently of the status (g % 20), so every waiting status gets every kind of due time.
     CROSS JOIN LATERAL (
       SELECT CASE WHEN s.status IN ('open', 'customer_reply', 'in_progress') THEN
                CASE WHEN (g / 20) % 20 < 2 THEN now()::timestamp - make_interval(mins => 1 + g % 2880)
                     WHEN (g / 20) % 20 = 2 THEN now()::timestamp + make_interval(mins => 1 + g % 59)
                     ELSE now()::timestamp + make_interval(mins => 60 + g % 4320) END
              END AS at
     ) AS due
     CROSS JOIN LATERAL (
       SELECT CASE WHEN s.status = 'closed' THEN now()::timestamp - make_interval(days => 1 + g % 900, hours => g % 24)
                   -- The customer's last message started the clock: one response target before the due time, never in the future.
                   WHEN due.at IS NOT NULL THEN LEAST(now()::timestamp - make_interval(mins => 1 + g % 30),
                                                       due.at - make_interval(mins => CASE s.priority WHEN 'urgent' THEN 30 WHEN 'normal' THEN 60 ELSE 120 END))
                   ELSE now()::timestamp - make_interval(mins => 5 + g % 10080) END AS last_reply
     ) AS r
     CROSS JOIN LATERAL (SELECT r.last_reply AS last_reply, r.last_reply - make_interval(mins => g % 20160) AS created) AS t`,
    [size.tickets + OWNER_DATA.tickets, size.tickets, size.customers, OWNER_TICKET_STATUSES_BY_10, TICKET_STATUSES_BY_20],
  );
  await client.query(`SELECT setval('ticket_number_seq', 100000 + $1::int)`, [size.tickets + OWNER_DATA.tickets]);
}

export type BenchRole = "owner" | "staff";

/**
 * A live, fully verified session: the bench owner's (active customer: their own), or the bench
 * administrator's (second factor verified now). Returns the user id. Expired bench sessions of
 * earlier runs are removed on the way.
 */
export async function createBenchSession(url: string, role: BenchRole, sessionId: string, ttlSeconds: number): Promise<{ userId: string }> {
  return withClient(url, async (client) => {
    await client.query(`DELETE FROM "Session" WHERE "userAgent" = 'portico-bench' AND "expiresAt" < now()::timestamp`);
    const { rows } = await client.query<{ userId: string; customerId: string | null }>(
      `SELECT u.id AS "userId", m."customerId" FROM "User" u LEFT JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1`,
      [role === "owner" ? BENCH_OWNER_EMAIL : BENCH_STAFF_EMAIL],
    );
    const user = rows[0];
    if (!user) throw new Error(`bench ${role} missing; run with --fresh`);
    await client.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt", "twoFactorVerifiedAt", "activeCustomerId", ip, "userAgent")
       VALUES ($1, $2, now()::timestamp + make_interval(secs => $3::int), CASE WHEN $4 THEN now()::timestamp END, $5, '127.0.0.1', 'portico-bench')`,
      [sessionId, user.userId, ttlSeconds, role === "staff", user.customerId],
    );
    return { userId: user.userId };
  });
}

/** Ticket numbers each page must show, read the way the pages order them. */
export type BenchLandmarks = {
  /** The owner's not-closed ticket with the latest activity: first row of /support/tickets. */
  ownerLatestTicket: string;
  /** The most overdue ticket: first row of /admin/tickets (most urgent first). */
  mostOverdueTicket: string;
  /** The owner's invoice with the latest due date: first row of /billing/invoices?status=all. */
  ownerNewestInvoice: string;
};

export async function benchLandmarks(url: string): Promise<BenchLandmarks> {
  return withClient(url, async (client) => {
    const owner = await client.query<{ number: string }>(
      `SELECT t.number FROM "Ticket" t JOIN "Customer" c ON c.id = t."customerId"
       WHERE c."contractNumber" = $1 AND t.status <> 'closed' ORDER BY t."lastReplyAt" DESC, t.number DESC LIMIT 1`,
      [BENCH_OWNER_CONTRACT],
    );
    const overdue = await client.query<{ number: string }>(
      `SELECT number FROM "Ticket" WHERE status <> 'closed' AND "dueAt" IS NOT NULL ORDER BY "dueAt" ASC, "lastReplyAt" DESC, id LIMIT 1`,
    );
    const invoice = await client.query<{ number: string }>(
      `SELECT i.number FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
       WHERE c."contractNumber" = $1 AND i.status <> 'draft' ORDER BY i."dueDate" DESC, i."createdAt" DESC LIMIT 1`,
      [BENCH_OWNER_CONTRACT],
    );
    if (!owner.rows[0] || !overdue.rows[0] || !invoice.rows[0]) throw new Error("bench tickets or invoices missing; run with --fresh");
    return { ownerLatestTicket: owner.rows[0].number, mostOverdueTicket: overdue.rows[0].number, ownerNewestInvoice: invoice.rows[0].number };
  });
}
