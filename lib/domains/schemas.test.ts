import { domainListParamsSchema, domainSearchSchema } from "./schemas";

const search = (q: string) => {
  const result = domainSearchSchema.safeParse({ q });
  return result.success ? result.data.q : `error:${result.error.issues[0]?.message}`;
};

describe("domain search input", () => {
  it("normalises what people type or paste to a host name", () => {
    expect(search("  Acme.COM ")).toBe("acme.com");
    expect(search("https://www.acme.vn/contact?x=1")).toBe("acme.vn");
    expect(search("acme.sk.")).toBe("acme.sk");
    expect(search("acme")).toBe("acme");
    expect(search("tiếng-việt.vn")).toBe("tiếng-việt.vn");
  });

  it("refuses empty and malformed names with message keys", () => {
    expect(search("   ")).toBe("error:required");
    for (const bad of ["-acme.com", "acme-.com", "a..b", "a b.com", "acme_1.com", `${"x".repeat(64)}.com`, `${"abc.".repeat(64)}com`]) {
      expect(search(bad)).toBe("error:invalid");
    }
  });
});

describe("domain list parameters", () => {
  it("falls back to the defaults on anything unexpected", () => {
    expect(domainListParamsSchema.parse({})).toEqual({ filter: "active", q: "", page: 1 });
    expect(domainListParamsSchema.parse({ filter: "expired", page: "2" })).toEqual({ filter: "expired", q: "", page: 2 });
    expect(domainListParamsSchema.parse({ filter: "transferred_away" })).toMatchObject({ filter: "transferred_away" });
    expect(domainListParamsSchema.parse({ filter: "failed" })).toMatchObject({ filter: "failed" });
    expect(domainListParamsSchema.parse({ filter: "bogus", page: "-1" })).toEqual({ filter: "active", q: "", page: 1 });
    expect(domainListParamsSchema.parse({ filter: ["all"], q: ["a", "b"], page: "1e300" })).toEqual({ filter: "active", q: "", page: 1 });
  });

  it("keeps only what a domain name is made of in the search, so it is never a LIKE pattern", () => {
    const q = (value: string) => domainListParamsSchema.parse({ q: value }).q;
    expect(q("  Acme.COM ")).toBe("acme.com");
    expect(q("https://Shop.acme.vn/path?x=1")).toBe("shop.acme.vn");
    expect(q("50%_off' OR 1=1 --")).toBe("50offor11--");
    expect(q("Bücher")).toBe("bücher");
    expect(q("x".repeat(300))).toHaveLength(100);
  });
});
