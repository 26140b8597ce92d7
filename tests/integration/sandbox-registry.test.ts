// The built-in sandbox registry (lib/integrations/registrar/builtin-registry.ts) behaves like a
// registry: availability (free, taken, reserved, premium, unsupported), registration (idempotent
// for our own name, refused when taken), transfers (wrong code, locked, pending until the losing
// side answers, approved or rejected), renewals guarded by the current expiry, and simulated outages.
// Run: TEST_DB_PREFIX=<yours> npx jest tests/integration/sandbox-registry
import { db } from "@/lib/db";
import { BuiltinRegistry, type ContactSet, RegistrarError, SANDBOX_HOLDER, splitName } from "@/lib/integrations/registrar";
import { unique } from "@/tests/helpers/factories";

const T0 = new Date("2032-04-01T10:00:00Z");
let now = T0;
const registry = new BuiltinRegistry({ delayMs: 0, transferSeconds: 600, clock: () => now });
const contact = { name: "Jana Nováková", email: "jana@example.sk", phone: "+421.900123456", street: "Hlavná 1", city: "Bratislava", postcode: "81101", country: "SK" };
const CONTACTS: ContactSet = { registrant: contact, admin: contact, tech: contact, billing: contact };
const NS = [{ host: "ns1.portico.test" }, { host: "ns2.portico.test" }];
const label = () => unique("name").replace(/[^a-z0-9]/g, "").slice(0, 40);
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof RegistrarError ? e.code : `unexpected: ${String(e)}`),
  );

afterAll(async () => {
  await db.$disconnect();
});

beforeEach(() => {
  now = T0;
});

describe("availability", () => {
  it("tells free, taken, reserved, premium, invalid and unsupported names apart", async () => {
    const free = `${label()}.com`;
    const ours = `${label()}.sk`;
    await registry.register(ours, { years: 1, nameservers: NS, contacts: CONTACTS });
    expect(await registry.checkAvailability([free, ours, "google.com", "nic.vn", "ab.eu", "-bad-.com", "acme.invalidtld", "a.b.acme.com"])).toEqual([
      { name: free, available: true, premium: false },
      { name: ours, available: false, reason: "taken" },
      { name: "google.com", available: false, reason: "taken" },
      { name: "nic.vn", available: false, reason: "reserved" },
      { name: "ab.eu", available: true, premium: true, premiumPriceMinor: 49_900n, currency: "EUR" },
      { name: "-bad-.com", available: false, reason: "invalid" },
      { name: "acme.invalidtld", available: false, reason: "unsupported" },
      { name: "a.b.acme.com", available: false, reason: "unsupported" },
    ]);
    expect(splitName("acme.com.vn")).toEqual({ label: "acme", tld: "com.vn" });
  });
});

describe("register", () => {
  it("registers for the years asked, answers a repeat with the same expiry, refuses taken and reserved names", async () => {
    const name = `${label()}.com`;
    expect(await registry.register(name, { years: 2, nameservers: NS, contacts: CONTACTS })).toEqual({ expiresAt: new Date("2034-04-01T10:00:00Z"), created: true });
    expect(await registry.register(name, { years: 2, nameservers: NS, contacts: CONTACTS })).toEqual({ expiresAt: new Date("2034-04-01T10:00:00Z"), created: false });
    expect(await registry.info(name)).toEqual({ name, holder: "ours", expiresAt: new Date("2034-04-01T10:00:00Z"), locked: true, nameservers: NS });
    expect(await code(registry.register("facebook.com", { years: 1, nameservers: NS, contacts: CONTACTS }))).toBe("taken");
    expect(await code(registry.register("registry.sk", { years: 1, nameservers: NS, contacts: CONTACTS }))).toBe("reserved");
    expect(await code(registry.register(`${label()}.com`, { years: 11, nameservers: NS, contacts: CONTACTS }))).toBe("invalid_input");
  });
});

describe("transfer", () => {
  async function heldElsewhere(opts: { locked?: boolean; outcome?: string } = {}) {
    const name = `${label()}.eu`;
    const row = await db.sandboxRegistryDomain.create({ data: { name, holder: "other-registrar", expiresAt: new Date("2032-09-01T00:00:00Z"), authCode: "Secret-Code-123", locked: opts.locked ?? false, transferOutcome: opts.outcome ?? null } });
    return row;
  }

  it("with the right code: pending until the losing side answers, then ours with a year added", async () => {
    const { name } = await heldElsewhere();
    expect(await code(registry.requestTransfer(name, { authCode: "wrong", years: 1 }))).toBe("wrong_auth_code");
    expect(await registry.requestTransfer(name, { authCode: "Secret-Code-123", years: 1 })).toEqual({ state: "pending", dueAt: new Date(T0.getTime() + 600_000) });
    // Asking again while pending changes nothing.
    expect(await registry.requestTransfer(name, { authCode: "Secret-Code-123", years: 1 })).toEqual({ state: "pending", dueAt: new Date(T0.getTime() + 600_000) });
    expect((await registry.info(name))?.holder).toBe("pending_transfer");
    now = new Date(T0.getTime() + 601_000);
    expect(await registry.transferState(name)).toEqual({ state: "completed", expiresAt: new Date("2033-09-01T00:00:00Z") });
    expect(await db.sandboxRegistryDomain.findUniqueOrThrow({ where: { name } })).toMatchObject({ holder: SANDBOX_HOLDER, state: "active", locked: true });
    expect(await registry.getAuthCode(name)).not.toBe("Secret-Code-123");
  });

  it("rejected by the losing side, refused while locked, not found when unregistered", async () => {
    const rejected = await heldElsewhere({ outcome: "reject" });
    expect((await registry.requestTransfer(rejected.name, { authCode: "Secret-Code-123", years: 1 })).state).toBe("pending");
    now = new Date(T0.getTime() + 601_000);
    expect(await registry.transferState(rejected.name)).toEqual({ state: "rejected" });
    expect((await registry.info(rejected.name))?.holder).toBe("away");

    const locked = await heldElsewhere({ locked: true });
    expect(await code(registry.requestTransfer(locked.name, { authCode: "Secret-Code-123", years: 1 }))).toBe("locked");
    expect(await code(registry.requestTransfer(`${label()}.eu`, { authCode: "x", years: 1 }))).toBe("not_found");
  });
});

describe("renew and changes", () => {
  it("renews once for a given current expiry; a repeat of the same request is answered, not renewed twice", async () => {
    const name = `${label()}.vn`;
    const { expiresAt } = await registry.register(name, { years: 1, nameservers: NS, contacts: CONTACTS });
    expect(await registry.renew(name, { years: 2, expectedExpiresAt: expiresAt })).toEqual({ expiresAt: new Date("2035-04-01T10:00:00Z") });
    expect(await registry.renew(name, { years: 2, expectedExpiresAt: expiresAt })).toEqual({ expiresAt: new Date("2035-04-01T10:00:00Z") });
    expect(await code(registry.renew(name, { years: 1, expectedExpiresAt: new Date("2030-01-01T00:00:00Z") }))).toBe("invalid_input");
    expect(await code(registry.renew(name, { years: 9, expectedExpiresAt: new Date("2035-04-01T10:00:00Z") }))).toBe("invalid_input");
  });

  it("changes nameservers and the lock of our names only", async () => {
    const name = `${label()}.hu`;
    await registry.register(name, { years: 1, nameservers: NS, contacts: CONTACTS });
    await registry.setNameservers(name, [{ host: "ns1.other.net" }, { host: "ns2.other.net" }]);
    await registry.setLock(name, false);
    expect(await registry.info(name)).toMatchObject({ locked: false, nameservers: [{ host: "ns1.other.net" }, { host: "ns2.other.net" }] });
    expect(await code(registry.setLock("amazon.com", false))).toBe("not_ours");
    expect(await code(registry.getAuthCode(`${label()}.com`))).toBe("not_found");
  });

  it("fails like a registry that is down: retryable, and nothing changes", async () => {
    const flaky = new BuiltinRegistry({ delayMs: 0, failTimes: { register: 1 }, clock: () => now });
    const name = `${label()}.de`;
    const failure = await flaky.register(name, { years: 1, nameservers: NS, contacts: CONTACTS }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RegistrarError);
    expect(failure).toMatchObject({ code: "unavailable", retryable: true });
    expect(await db.sandboxRegistryDomain.findUnique({ where: { name } })).toBeNull();
    expect((await flaky.register(name, { years: 1, nameservers: NS, contacts: CONTACTS })).created).toBe(true);
  });
});
