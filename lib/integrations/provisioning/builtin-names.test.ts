import {
  databaseFullName,
  deriveUsernameBase,
  isAcceptablePanelPassword,
  isValidDatabaseName,
  isValidDomain,
  isValidEmailAddress,
  isValidFtpName,
  isValidMailLocalPart,
  isValidSubdomainLabel,
  normaliseHomeDirectory,
  parseAutoReplyUntil,
  usernameCandidate,
} from "./builtin-names";

describe("deriveUsernameBase", () => {
  it.each([
    ["acme-studio.vn", "acmestudio"],
    ["www.acme-studio.vn", "acmestudio"],
    ["staging.acme-studio.vn", "stagingacmes"],
    ["Tatraweb.SK", "tatraweb"],
    ["123shop.hu", "u123shop"],
    ["a.io", "usera"],
    ["x", "userx"],
    ["verylongcompanyname-international.com", "verylongcomp"],
  ])("%s → %s", (domain, expected) => {
    expect(deriveUsernameBase(domain)).toBe(expected);
  });

  it("always yields a name the panel accepts", () => {
    for (const hint of ["ÄÖÜ.de", "--.com", "9.9.9.9", "", "über-café.sk"]) {
      expect(deriveUsernameBase(hint)).toMatch(/^[a-z][a-z0-9]{1,15}$/);
    }
  });
});

describe("usernameCandidate", () => {
  it("adds a counter and keeps 16 characters at most", () => {
    expect(usernameCandidate("acmestudio", 0)).toBe("acmestudio");
    expect(usernameCandidate("acmestudio", 1)).toBe("acmestudio1");
    expect(usernameCandidate("abcdefghijklmnop", 12)).toBe("abcdefghijklmn12");
    expect(usernameCandidate("abcdefghijklmnop", 12)).toHaveLength(16);
  });
});

describe("name rules", () => {
  it("domains", () => {
    expect(isValidDomain("acme-studio.vn")).toBe(true);
    expect(isValidDomain("a.b.example.com")).toBe(true);
    for (const bad of ["acme", "-acme.vn", "acme-.vn", "acme..vn", "ACME.vn", "acme.vn.", "a_b.com", "acme.123"]) expect(isValidDomain(bad)).toBe(false);
  });

  it("FTP names", () => {
    for (const good of ["deploy", "web.dev", "a", "user_1", "x-y"]) expect(isValidFtpName(good)).toBe(true);
    for (const bad of ["", ".deploy", "de..ploy", "Deploy", "de ploy", "a@b", "a".repeat(33)]) expect(isValidFtpName(bad)).toBe(false);
  });

  it("database names fit 64 characters with the username prefix", () => {
    expect(databaseFullName("acme", "wp")).toBe("acme_wp");
    expect(isValidDatabaseName("acme", "wp_2")).toBe(true);
    expect(isValidDatabaseName("acme", "a".repeat(59))).toBe(true);
    expect(isValidDatabaseName("acme", "a".repeat(60))).toBe(false);
    for (const bad of ["", "_wp", "wp-site", "WP", "wp site", "wp;drop"]) expect(isValidDatabaseName("acme", bad)).toBe(false);
  });

  it("mail local parts and addresses", () => {
    for (const good of ["info", "first.last", "a+tag", "x_y-z", "a"]) expect(isValidMailLocalPart(good)).toBe(true);
    for (const bad of ["", ".info", "info.", "in..fo", "in fo", "Info", "a@b", "a".repeat(65)]) expect(isValidMailLocalPart(bad)).toBe(false);
    expect(isValidEmailAddress("someone@example.com")).toBe(true);
    for (const bad of ["someone", "someone@", "@example.com", "some..one@example.com", "a@b"]) expect(isValidEmailAddress(bad)).toBe(false);
  });

  it("subdomain labels follow RFC 1035", () => {
    for (const good of ["blog", "b", "shop-2", "a".repeat(63)]) expect(isValidSubdomainLabel(good)).toBe(true);
    for (const bad of ["", "2blog", "-blog", "blog-", "bl_og", "bl.og", "Blog", "a".repeat(64)]) expect(isValidSubdomainLabel(bad)).toBe(false);
  });

  it("directories stay inside the home directory", () => {
    expect(normaliseHomeDirectory("public_html")).toBe("/public_html");
    expect(normaliseHomeDirectory("/public_html//blog/")).toBe("/public_html/blog");
    expect(normaliseHomeDirectory("/")).toBe("/");
    for (const bad of ["../etc", "/public_html/../../etc", "~root", "a\\b", "a b", "./x", "a\nb"]) expect(normaliseHomeDirectory(bad)).toBeNull();
  });

  it("panel passwords", () => {
    expect(isAcceptablePanelPassword("Str0ng-pass")).toBe(true);
    expect(isAcceptablePanelPassword("alllowercase")).toBe(false);
    expect(isAcceptablePanelPassword("Sh0rt")).toBe(false);
    expect(isAcceptablePanelPassword("A1".repeat(65))).toBe(false);
  });

  it("auto-responder end dates", () => {
    expect(parseAutoReplyUntil(null)).toBeNull();
    expect(parseAutoReplyUntil("")).toBeNull();
    expect(parseAutoReplyUntil("2041-02-28")).toEqual(new Date("2041-02-28T00:00:00.000Z"));
    expect(parseAutoReplyUntil("2041-02-30")).toBe("invalid");
    expect(parseAutoReplyUntil("28.02.2041")).toBe("invalid");
  });
});
