// The server environment, checked once at start-up (instrumentation.ts, scripts/worker.ts) so a
// missing or malformed variable stops the process with one message that names every problem.
import { z } from "zod";

const DEFAULT_APP_URL = "http://localhost:3000";
const DEFAULT_EMAIL_FROM = "Portico <noreply@portico.localhost>";

// `.env` files often hold `NAME=` for "not set"; treat an empty value like a missing one.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const httpUrl = (what: string) =>
  z.string().refine((value) => {
    try {
      return ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be an http(s) URL (${what})`);

const postgresUrl = z
  .string({ error: "is required: the PostgreSQL connection URL, e.g. postgresql://user:password@host:5432/portico" })
  .refine((value) => {
    try {
      const url = new URL(value);
      return ["postgres:", "postgresql:"].includes(url.protocol) && url.hostname !== "" && url.pathname.length > 1;
    } catch {
      return false;
    }
  }, "must be a PostgreSQL URL with a host and a database name, e.g. postgresql://user:password@host:5432/portico");

const secret = (name: string) =>
  z
    .string({ error: `is required: at least 32 random characters (generate one with \`openssl rand -base64 32\`)` })
    .min(32, `must be at least 32 characters (generate one with \`openssl rand -base64 32\`); ${name} protects sessions and stored secrets`);

// "Name <address>" or a bare address, as accepted by Resend's `from`.
const EMAIL_FROM_PATTERN = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

const BARE_ADDRESS_PATTERN = /^[^\s@<>"]+@[^\s@<>"]+$/;
// Svix / Standard Webhooks signing secret, as Resend shows it for a webhook endpoint.
const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

const schema = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"], { error: "must be development, production or test" })).default("development"),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: optional(z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(500, "must be at most 500")),
  AUTH_SECRET: secret("AUTH_SECRET"),
  AUTH_URL: optional(httpUrl("the public URL of the sign-in routes, e.g. https://portal.example.com")),
  AUTH_TRUST_HOST: optional(z.enum(["true", "false", "1", "0"], { error: "must be true or false" })).transform((value) => value === "true" || value === "1"),
  APP_URL: optional(httpUrl("the public base URL of Portico, e.g. https://portal.example.com"))
    .default(DEFAULT_APP_URL)
    .transform((value) => value.replace(/\/+$/, "")),
  ENCRYPTION_KEY: optional(z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)")),
  RESEND_API_KEY: optional(z.string().min(1)),
  RESEND_BASE_URL: optional(httpUrl("the Resend API endpoint; leave unset in production")),
  EMAIL_FROM: optional(z.string().regex(EMAIL_FROM_PATTERN, 'must be an address or "Name <address>", e.g. Portico <billing@example.com>')).default(DEFAULT_EMAIL_FROM),
  // Unset: the inbound email webhook answers 503; unsigned mail is never accepted.
  INBOUND_EMAIL_WEBHOOK_SECRET: optional(z.string().regex(WEBHOOK_SECRET_PATTERN, "must be the endpoint's signing secret as Resend shows it, whsec_<base64>")),
  // Billing: proformas first (HU/SK practice) or tax invoices straight away.
  BILLING_USE_PROFORMA: optional(z.enum(["true", "false", "1", "0"], { error: "must be true or false" }))
    .default("true")
    .transform((value) => value === "true" || value === "1"),
  // The provider's country decides domestic VAT and reverse charge (ISO 3166-1 alpha-2).
  BILLING_PROVIDER_COUNTRY: optional(z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code, e.g. SK")).default("SK"),
  // Renewal invoices are created this many days before a service's due date.
  BILLING_RENEWAL_DAYS_AHEAD: optional(z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be 0 or more").max(90, "must be at most 90")).default(14),
  // The provider as printed on invoices; the address is one string with lines separated by " | ".
  BILLING_PROVIDER_NAME: optional(z.string().min(1).max(200)).default("Portico Hosting s.r.o."),
  BILLING_PROVIDER_ADDRESS: optional(z.string().min(1).max(500)).default("Hlavná 1 | 811 01 Bratislava | Slovakia"),
  BILLING_PROVIDER_VAT_ID: optional(z.string().max(20)),
  BILLING_PROVIDER_COMPANY_ID: optional(z.string().max(30)),
  // Bank transfer instructions (pay page and PDF). Unset IBAN: bank transfer is not offered.
  BILLING_BANK_NAME: optional(z.string().max(200)),
  BILLING_BANK_IBAN: optional(z.string().regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,32}$/, "must be an IBAN, e.g. SK31 1200 0000 1987 4263 7541")),
  BILLING_BANK_SWIFT: optional(z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, "must be a BIC/SWIFT code of 8 or 11 characters")),
  // Stripe Checkout: both set, or card payments are not offered. STRIPE_API_BASE only for tests
  // against a local stand-in of the Stripe API.
  STRIPE_SECRET_KEY: optional(z.string().regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, "must be a Stripe secret key, sk_live_… or sk_test_…")),
  STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_[A-Za-z0-9]+$/, "must be the endpoint's signing secret, whsec_…")),
  STRIPE_API_BASE: optional(httpUrl("the Stripe API endpoint; leave unset in production")),
  // Dunning: reminders N days before / after the due date (comma-separated), suspension and
  // termination of the invoice's services after N days overdue.
  DUNNING_REMINDER_DAYS_BEFORE: optional(z.string().regex(/^\d{1,3}(,\d{1,3})*$/, "must be whole numbers separated by commas, e.g. 3")).default("3"),
  DUNNING_REMINDER_DAYS_AFTER: optional(z.string().regex(/^\d{1,3}(,\d{1,3})*$/, "must be whole numbers separated by commas, e.g. 1,7")).default("1,7"),
  DUNNING_SUSPEND_AFTER_DAYS: optional(z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(365, "must be at most 365")).default(14),
  DUNNING_TERMINATE_AFTER_DAYS: optional(z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(730, "must be at most 730")).default(45),
  // The built-in simulated control panel: how long a lifecycle call takes (unset: 300 ms, 0 under
  // NODE_ENV=test) and the share of calls (0–1) that fail with a retryable error, to see retries.
  PROVISIONING_BUILTIN_DELAY_MS: optional(z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be 0 or more").max(60_000, "must be at most 60000")),
  PROVISIONING_BUILTIN_FAILURE_RATE: optional(z.coerce.number({ error: "must be a number from 0 to 1" }).min(0, "must be from 0 to 1").max(1, "must be from 0 to 1")).default(0),
  // DNS hosting: "builtin" keeps zones in Postgres; "powerdns" serves them from PowerDNS
  // Authoritative through its HTTP API (then POWERDNS_API_URL and POWERDNS_API_KEY are required).
  DNS_BACKEND: optional(z.enum(["builtin", "powerdns"], { error: "must be builtin or powerdns" })).default("builtin"),
  POWERDNS_API_URL: optional(httpUrl("the PowerDNS API base URL, e.g. http://127.0.0.1:8081")),
  POWERDNS_API_KEY: optional(z.string().min(8, "must be at least 8 characters")),
  POWERDNS_SERVER_ID: optional(z.string().regex(/^[A-Za-z0-9._-]+$/, "must be a server id such as localhost")).default("localhost"),
  // Where the RDAP bootstrap file (RFC 9224) is read for lookups of registered names (default: IANA's).
  RDAP_BOOTSTRAP_URL: optional(httpUrl("the RDAP bootstrap file URL")),
  // The provider's name servers, put at the apex of every new zone (comma-separated host names).
  DNS_NAMESERVERS: optional(z.string().regex(/^[a-z0-9.-]+(,[a-z0-9.-]+)+$/i, "must be two or more host names separated by commas")).default("ns1.portico.test,ns2.portico.test"),
  // A VIES-style VAT check (POST {url}/check-vat-number), e.g. https://ec.europa.eu/taxation_customs/vies/rest-api;
  // unset: VAT IDs are checked by format and check digit only.
  VAT_VIES_URL: optional(httpUrl("the VIES REST API base URL, e.g. https://ec.europa.eu/taxation_customs/vies/rest-api")),
  SUPPORT_EMAIL_ADDRESS: optional(
    z
      .string()
      .regex(BARE_ADDRESS_PATTERN, "must be a bare address, e.g. support@example.com (ticket replies go to support+t.<token>@example.com)")
      .transform((value) => value.toLowerCase()),
  ),
});

// Behind a proxy next-auth cannot trust the Host header on its own. Checked
// apart from the schema so it is reported together with the other problems, not after them.
function powerDnsProblem(source: Record<string, string | undefined>): string | null {
  if (source.DNS_BACKEND !== "powerdns" || (source.POWERDNS_API_URL && source.POWERDNS_API_KEY)) return null;
  return "POWERDNS_API_URL and POWERDNS_API_KEY: both are required with DNS_BACKEND=powerdns";
}

function authHostProblem(source: Record<string, string | undefined>): string | null {
  if (source.NODE_ENV !== "production" || source.AUTH_URL || ["true", "1"].includes(source.AUTH_TRUST_HOST ?? "")) return null;
  return "AUTH_URL: in production set AUTH_URL to the public URL (e.g. https://portal.example.com), or AUTH_TRUST_HOST=true when a trusted proxy sets the Host header";
}

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
    this.name = "EnvError";
  }
}

/** Validates `source` (default: process.env) and returns the typed environment, or throws EnvError listing every problem. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
  for (const problem of [authHostProblem(source), powerDnsProblem(source)]) if (problem) problems.push(problem);
  if (problems.length || !result.success) throw new EnvError(problems);
  return result.data;
}

/** The support mailbox (lower-case): SUPPORT_EMAIL_ADDRESS, or else the address part of EMAIL_FROM. */
export function supportEmailAddress(env: Pick<Env, "SUPPORT_EMAIL_ADDRESS" | "EMAIL_FROM">): string {
  if (env.SUPPORT_EMAIL_ADDRESS) return env.SUPPORT_EMAIL_ADDRESS;
  const angle = /<([^<>]+)>\s*$/.exec(env.EMAIL_FROM);
  return (angle ? angle[1] : env.EMAIL_FROM).trim().toLowerCase();
}

/** Milliseconds a lifecycle call of the built-in control panel takes: the setting, else 300 (0 in tests). */
export function builtinPanelDelayMs(env: Pick<Env, "PROVISIONING_BUILTIN_DELAY_MS" | "NODE_ENV">): number {
  return env.PROVISIONING_BUILTIN_DELAY_MS ?? (env.NODE_ENV === "test" ? 0 : 300);
}

let cached: Env | undefined;

/** The validated process environment, parsed once per process. */
export function getEnv(): Env {
  return (cached ??= loadEnv());
}
