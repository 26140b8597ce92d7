// Seeds a large provider for `npm run bench` with set-based SQL (INSERT … SELECT generate_series):
// hundreds of thousands of rows in seconds. Every statement is a constant; sizes and values travel
// as bind parameters. Deliberately free of `server-only` modules so plain `tsx` can run it.
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { PRESETS } from "@/lib/auth/permissions";

export const BENCH_OWNER_EMAIL = "bench-owner@portico.test";
export const BENCH_OWNER_CONTRACT = "BENCH-0001";
export const BENCH_PASSWORD = "portico-bench-2026";

/** Rows at scale 1 (issue 2 §7: at least 10k customers, 50k services, 200k invoices, 100k tickets). */
const FULL_SIZE = { customers: 10_000, services: 50_000, invoices: 200_000, tickets: 100_000, domains: 20_000 } as const;
/** The bench owner's own customer: what a typical customer has. */
const OWNER_DATA = { services: 10, invoices: 20, tickets: 10, domains: 4 } as const;
// A sample of customers has logins: an owner for every 10th, a billing contact for every 40th.
const OWNER_EVERY = 10;
const BILLING_CONTACT_EVERY = 40;

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

type TableCounts = { customers: number; services: number; invoices: number; tickets: number; domains: number; users: number; memberships: number };

function expectedCounts(size: BenchSize): TableCounts {
  const logins = Math.floor(size.customers / OWNER_EVERY) + Math.floor(size.customers / BILLING_CONTACT_EVERY) + 1;
  return {
    customers: size.customers + 1,
    services: size.services + OWNER_DATA.services,
    invoices: size.invoices + OWNER_DATA.invoices,
    tickets: size.tickets + OWNER_DATA.tickets,
    domains: size.domains + OWNER_DATA.domains,
    users: logins,
    memberships: logins,
  };
}

async function countRows(client: pg.Client): Promise<TableCounts> {
  const { rows } = await client.query<Record<keyof TableCounts, string>>(`
    SELECT (SELECT count(*) FROM "Customer") AS customers, (SELECT count(*) FROM "Service") AS services,
           (SELECT count(*) FROM "Invoice") AS invoices, (SELECT count(*) FROM "Ticket") AS tickets,
           (SELECT count(*) FROM "Domain") AS domains, (SELECT count(*) FROM "User") AS users,
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

/** True when the database holds exactly the bench data of this size (and nothing else). */
export async function isBenchSeeded(url: string, size: BenchSize): Promise<boolean> {
  return withClient(url, async (client) => {
    const owner = await client.query('SELECT 1 FROM "User" WHERE email = $1', [BENCH_OWNER_EMAIL]);
    if (!owner.rowCount) return false;
    return JSON.stringify(await countRows(client)) === JSON.stringify(expectedCounts(size));
  });
}

/** Fills an empty, migrated database. Returns the row counts it wrote. */
export async function seedBenchDatabase(url: string, size: BenchSize): Promise<TableCounts> {
  const passwordHash = await hash(BENCH_PASSWORD);
  return withClient(url, async (client) => {
    const existing = await countRows(client);
    if (existing.customers || existing.users) throw new Error("the bench database is not empty; run with --fresh");
    await client.query("BEGIN");
    try {
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
    return counts;
  });
}

async function seedWithin(client: pg.Client, size: BenchSize, passwordHash: string) {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);

  await q(`INSERT INTO "Department" (id, slug, name) VALUES
             (gen_random_uuid(), 'technical', 'Technical'), (gen_random_uuid(), 'sales-billing', 'Sales & Billing')
           ON CONFLICT (slug) DO NOTHING`);

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

  // 80 % paid, 15 % unpaid (recent, some overdue), 5 % cancelled; amounts sized per currency.
  await q(`INSERT INTO "Invoice" (id, "customerId", number, status, currency, "totalMinor", "issuedAt", "dueDate", "paidAt", "createdAt")
           SELECT gen_random_uuid(), c.id, 'BI-' || lpad(g::text, 7, '0'), s.status::"InvoiceStatus", c.currency,
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

  // 50 % closed; the rest spread over the open statuses.
  await q(`INSERT INTO "Ticket" (id, number, "customerId", "departmentId", subject, status, priority, "lastReplyAt", "createdAt")
           SELECT gen_random_uuid(), 'BT-' || lpad(g::text, 7, '0'), c.id,
                  CASE WHEN g % 3 = 0 THEN d_sales.id ELSE d_tech.id END,
                  (ARRAY['Website returns 502 after an update','Please add an SPF record','Invoice copy with VAT ID',
                         'Upgrade VPS to a larger plan','VoIP trunk one-way audio','Restore a backup','Transfer a domain',
                         'SSL certificate renewal'])[1 + g % 8],
                  (ARRAY['open','answered','customer_reply','in_progress','on_hold','closed','closed','closed','closed','closed'])[1 + g % 10]::"TicketStatus",
                  (CASE WHEN g % 7 = 0 THEN 'urgent' WHEN g % 7 < 3 THEN 'low' ELSE 'normal' END)::"TicketPriority",
                  now()::timestamp - make_interval(days => g % 900) + make_interval(hours => g % 72),
                  now()::timestamp - make_interval(days => g % 900)
           FROM generate_series(1, $1::int) AS g
           JOIN bench_customer c ON c.n = CASE WHEN g > $2::int THEN 0 ELSE 1 + g % $3::int END
           CROSS JOIN (SELECT id FROM "Department" WHERE slug = 'technical') AS d_tech
           CROSS JOIN (SELECT id FROM "Department" WHERE slug = 'sales-billing') AS d_sales`,
    [size.tickets + OWNER_DATA.tickets, size.tickets, size.customers]);

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
}

/** A live, fully verified session for the bench owner; returns its id and user id. */
export async function createBenchSession(url: string, sessionId: string, ttlSeconds: number): Promise<{ userId: string }> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ userId: string; customerId: string }>(
      `SELECT u.id AS "userId", m."customerId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1`,
      [BENCH_OWNER_EMAIL],
    );
    const owner = rows[0];
    if (!owner) throw new Error("bench owner missing; run with --fresh");
    await client.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt", "activeCustomerId", ip, "userAgent")
       VALUES ($1, $2, now()::timestamp + make_interval(secs => $3::int), $4, '127.0.0.1', 'portico-bench')`,
      [sessionId, owner.userId, ttlSeconds, owner.customerId],
    );
    return { userId: owner.userId };
  });
}
