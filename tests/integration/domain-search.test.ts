// The domain search (lib/domains/search.ts) against the sandbox registry and a TLD catalog: a bare
// label across the TLDs, an exact name first, IDN names, the customer's currency's prices, taken /
// reserved / premium answers, an unreachable registry, and domains.view.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/domain-search
import { db } from "@/lib/db";
import type { CustomerActor } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { BuiltinRegistry } from "@/lib/integrations/registrar";
import { searchDomains, splitAgainst } from "@/lib/domains/search";
import { DEMO_TLDS } from "@/prisma/seed-domains";
import { customerActorFor } from "@/tests/helpers/actors";
import { addMember, createCustomer, createUser, unique } from "@/tests/helpers/factories";

const registry = new BuiltinRegistry({ delayMs: 0 });
let owner: CustomerActor;
let billingContact: CustomerActor;

beforeAll(async () => {
  // The catalog as the demo has it (upserted: the seed may have made it in this database already).
  for (const [position, tld] of DEMO_TLDS.entries()) {
    const row = await db.tld.upsert({ where: { name: tld.name }, update: { active: true, position }, create: { name: tld.name, position } });
    await db.tldPrice.createMany({ data: (["register", "renew", "transfer"] as const).flatMap((action) => (["EUR", "HUF"] as const).map((currency) => ({ tldId: row.id, action, currency, years: 1, amountMinor: tld[action][currency] }))), skipDuplicates: true });
  }
  const customer = await createCustomer(db, { currency: "HUF" });
  const [o, b] = await Promise.all([createUser(db), createUser(db)]);
  await addMember(db, o.id, customer.id, { preset: "owner" });
  await addMember(db, b.id, customer.id, { preset: "billing" });
  [owner, billingContact] = await Promise.all([customerActorFor(o.id, customer.id), customerActorFor(b.id, customer.id)]);
});

afterAll(async () => {
  await db.$disconnect();
});

// No internet here: RDAP lookups go to a port nobody listens on unless a test says otherwise.
const search = (q: string, r: BuiltinRegistry = registry) => searchDomains(owner, q, { registrar: () => r, rdap: { bootstrapUrl: "http://127.0.0.1:9/dns.json", timeoutMs: 1_000 } });

describe("searchDomains", () => {
  it("tries a bare label with every TLD, with the customer's prices per year", async () => {
    const label = unique("free").replace(/[^a-z0-9]/g, "");
    const outcome = await search(label);
    if (outcome.kind !== "results") throw new Error(outcome.kind);
    expect(outcome.rdap).toBeNull();
    expect(outcome.currency).toBe("HUF");
    expect(outcome.exact).toBeNull();
    expect(outcome.suggestions.map((s) => s.name)).toEqual(expect.arrayContaining([`${label}.com`, `${label}.sk`, `${label}.hu`, `${label}.com.vn`]));
    const hu = outcome.suggestions.find((s) => s.tld === "hu")!;
    expect(hu).toMatchObject({ availability: { available: true, premium: false }, prices: { register: 429_000n, renew: 509_000n, transfer: 429_000n } });
  });

  it("puts an exact name first and says who has it; a taken name shows the transfer price", async () => {
    const outcome = await search("google.com");
    if (outcome.kind !== "results") throw new Error(outcome.kind);
    expect(outcome.exact).toMatchObject({ name: "google.com", availability: { available: false, reason: "taken" }, prices: { transfer: 479_000n } });
    // Who holds it is asked of RDAP; an unreachable lookup service is said plainly.
    expect(outcome.rdap).toMatchObject({ kind: "unavailable", reason: "bootstrap_unavailable" });
    expect(outcome.suggestions.map((s) => s.name)).not.toContain("google.com");
    expect(outcome.suggestions.find((s) => s.name === "google.sk")?.availability).toMatchObject({ available: false, reason: "taken" });
    const reserved = await search("nic.eu");
    expect(reserved.kind === "results" && reserved.exact?.availability).toEqual({ name: "nic.eu", available: false, reason: "reserved" });
    const premium = await search("xy.dev");
    expect(premium.kind === "results" && premium.exact?.availability).toMatchObject({ available: true, premium: true });
  });

  it("handles IDN names and refuses what is not a name under a TLD it sells", async () => {
    const outcome = await search("Kávé-bolt.hu");
    if (outcome.kind !== "results") throw new Error(outcome.kind);
    expect(outcome.exact).toMatchObject({ name: "xn--kv-bolt-hwa7e.hu", unicode: "kávé-bolt.hu" });
    expect(await search("acme.nosuchtld")).toEqual({ kind: "invalid" });
    expect(await search("a.b.acme.com")).toEqual({ kind: "invalid" });
    expect(splitAgainst("acme.com.vn", ["vn", "com.vn", "com"])).toEqual({ label: "acme", tld: "com.vn" });
  });

  it("says the registry cannot be reached instead of guessing; needs domains.view", async () => {
    expect(await search("anything", new BuiltinRegistry({ delayMs: 0, failureRate: 1 }))).toEqual({ kind: "unavailable" });
    await expect(searchDomains(billingContact, "anything", { registrar: () => registry })).rejects.toBeInstanceOf(PermissionDenied);
  });
});
