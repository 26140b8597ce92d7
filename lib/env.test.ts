import { EnvError, builtinPanelDelayMs, loadEnv, supportEmailAddress } from "./env";

const valid = {
  DATABASE_URL: "postgresql://portico:secret@db.internal:5432/portico",
  AUTH_SECRET: "x".repeat(32),
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected loadEnv to throw");
}

describe("loadEnv", () => {
  it("accepts the minimum and fills in the defaults", () => {
    const env = loadEnv(valid);
    expect(env).toMatchObject({
      NODE_ENV: "development",
      APP_URL: "http://localhost:3000",
      EMAIL_FROM: "Portico <noreply@portico.localhost>",
      AUTH_TRUST_HOST: false,
    });
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.DATABASE_POOL_SIZE).toBeUndefined();
  });

  it("parses a full production environment", () => {
    const env = loadEnv({
      ...valid,
      NODE_ENV: "production",
      AUTH_URL: "https://portal.example.com",
      APP_URL: "https://portal.example.com/",
      DATABASE_POOL_SIZE: "20",
      RESEND_API_KEY: "re_123",
      EMAIL_FROM: "Example Hosting <billing@example.com>",
      ENCRYPTION_KEY: "k".repeat(44),
    });
    expect(env.APP_URL).toBe("https://portal.example.com");
    expect(env.DATABASE_POOL_SIZE).toBe(20);
    expect(env.EMAIL_FROM).toBe("Example Hosting <billing@example.com>");
  });

  it("accepts AUTH_TRUST_HOST instead of AUTH_URL in production", () => {
    expect(loadEnv({ ...valid, NODE_ENV: "production", AUTH_TRUST_HOST: "true" }).AUTH_TRUST_HOST).toBe(true);
  });

  it("serves DNS from Postgres by default and needs the API URL and key for PowerDNS", () => {
    expect(loadEnv(valid)).toMatchObject({ DNS_BACKEND: "builtin", POWERDNS_SERVER_ID: "localhost", DNS_NAMESERVERS: "ns1.portico.test,ns2.portico.test" });
    expect(problemsOf({ ...valid, DNS_BACKEND: "powerdns" })).toEqual(["POWERDNS_API_URL and POWERDNS_API_KEY: both are required with DNS_BACKEND=powerdns"]);
    expect(loadEnv({ ...valid, DNS_BACKEND: "powerdns", POWERDNS_API_URL: "http://127.0.0.1:8081", POWERDNS_API_KEY: "secret-key" }).DNS_BACKEND).toBe("powerdns");
    expect(problemsOf({ ...valid, DNS_BACKEND: "bind", DNS_NAMESERVERS: "ns1.example.com" }).map((p) => p.split(":")[0])).toEqual(["DNS_BACKEND", "DNS_NAMESERVERS"]);
  });

  it("treats empty values as unset", () => {
    const env = loadEnv({ ...valid, RESEND_API_KEY: "", APP_URL: "", DATABASE_POOL_SIZE: "" });
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.APP_URL).toBe("http://localhost:3000");
  });

  it("lists every missing variable in one error", () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DATABASE_URL: is required/);
    expect(problems[1]).toMatch(/^AUTH_SECRET: is required.*openssl rand -base64 32/);
  });

  it("explains each bad value", () => {
    const problems = problemsOf({
      DATABASE_URL: "mysql://localhost/portico",
      AUTH_SECRET: "short",
      APP_URL: "portal.example.com",
      DATABASE_POOL_SIZE: "ten",
      EMAIL_FROM: "not an address",
      AUTH_TRUST_HOST: "yes",
      NODE_ENV: "staging",
    });
    const byName = Object.fromEntries(problems.map((p) => [p.split(":")[0], p]));
    expect(Object.keys(byName).sort()).toEqual(["APP_URL", "AUTH_SECRET", "AUTH_TRUST_HOST", "DATABASE_POOL_SIZE", "DATABASE_URL", "EMAIL_FROM", "NODE_ENV"]);
    expect(byName.AUTH_SECRET).toBe(
      "AUTH_SECRET: must be at least 32 characters (generate one with `openssl rand -base64 32`); AUTH_SECRET protects sessions and stored secrets",
    );
    expect(byName.DATABASE_URL).toMatch(/PostgreSQL URL/);
    expect(byName.APP_URL).toMatch(/http\(s\) URL/);
  });

  it("requires AUTH_URL or AUTH_TRUST_HOST in production", () => {
    expect(problemsOf({ ...valid, NODE_ENV: "production" })).toEqual([expect.stringMatching(/^AUTH_URL: in production set AUTH_URL/)]);
  });

  it("reports the production AUTH_URL rule together with other problems", () => {
    const problems = problemsOf({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["DATABASE_URL", "AUTH_URL"]);
  });

  it("takes the inbound email webhook secret and support address, both optional", () => {
    expect(loadEnv(valid).INBOUND_EMAIL_WEBHOOK_SECRET).toBeUndefined();
    const env = loadEnv({ ...valid, INBOUND_EMAIL_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", SUPPORT_EMAIL_ADDRESS: "Help@Example.com" });
    expect(env.INBOUND_EMAIL_WEBHOOK_SECRET).toBe("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    expect(env.SUPPORT_EMAIL_ADDRESS).toBe("help@example.com");
    const problems = problemsOf({ ...valid, INBOUND_EMAIL_WEBHOOK_SECRET: "not-a-secret", SUPPORT_EMAIL_ADDRESS: "Help <help@example.com>" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["INBOUND_EMAIL_WEBHOOK_SECRET", "SUPPORT_EMAIL_ADDRESS"]);
  });

  it("derives the support address from EMAIL_FROM when it is not set", () => {
    expect(supportEmailAddress(loadEnv({ ...valid, EMAIL_FROM: "Example Hosting <Portal@Example.com>" }))).toBe("portal@example.com");
    expect(supportEmailAddress(loadEnv({ ...valid, EMAIL_FROM: "portal@example.com" }))).toBe("portal@example.com");
    expect(supportEmailAddress(loadEnv({ ...valid, SUPPORT_EMAIL_ADDRESS: "help@example.com" }))).toBe("help@example.com");
  });

  it("takes the built-in control panel's delay and failure rate", () => {
    const defaults = loadEnv(valid);
    expect(defaults.PROVISIONING_BUILTIN_FAILURE_RATE).toBe(0);
    expect(builtinPanelDelayMs(defaults)).toBe(300);
    expect(builtinPanelDelayMs(loadEnv({ ...valid, NODE_ENV: "test" }))).toBe(0);
    const env = loadEnv({ ...valid, NODE_ENV: "test", PROVISIONING_BUILTIN_DELAY_MS: "1200", PROVISIONING_BUILTIN_FAILURE_RATE: "0.25" });
    expect(builtinPanelDelayMs(env)).toBe(1200);
    expect(env.PROVISIONING_BUILTIN_FAILURE_RATE).toBe(0.25);
    const problems = problemsOf({ ...valid, PROVISIONING_BUILTIN_DELAY_MS: "-5", PROVISIONING_BUILTIN_FAILURE_RATE: "1.5" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["PROVISIONING_BUILTIN_DELAY_MS", "PROVISIONING_BUILTIN_FAILURE_RATE"]);
  });

  it("puts every problem in the error message", () => {
    expect(() => loadEnv({ AUTH_SECRET: "short" })).toThrow(/Invalid environment configuration:\n {2}- DATABASE_URL: .*\n {2}- AUTH_SECRET: /);
  });
});
