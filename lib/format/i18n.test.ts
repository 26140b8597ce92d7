import fs from "node:fs";
import path from "node:path";
import { LOCALES, isLocale, localeFromAcceptLanguage, safeTimeZone } from "@/i18n/locales";

describe("locale negotiation", () => {
  it("reads Accept-Language by quality", () => {
    expect(localeFromAcceptLanguage("sk-SK,sk;q=0.9,en;q=0.8")).toBe("sk");
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,hu;q=0.5,en;q=0.4")).toBe("hu");
    expect(localeFromAcceptLanguage("en;q=0.2, vi")).toBe("vi");
    expect(localeFromAcceptLanguage("fr, de")).toBeNull();
    expect(localeFromAcceptLanguage("vi;q=0")).toBeNull();
    expect(localeFromAcceptLanguage("")).toBeNull();
    expect(localeFromAcceptLanguage(null)).toBeNull();
  });

  it("validates locales and time zones", () => {
    expect(isLocale("hu")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    expect(safeTimeZone("Europe/Budapest")).toBe("Europe/Budapest");
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(safeTimeZone(null)).toBe("UTC");
  });
});

/** Every message file exists in all four languages with exactly the same keys. */
describe("message catalogues", () => {
  const root = path.join(process.cwd(), "messages");
  const keysOf = (value: unknown, prefix = ""): string[] =>
    value && typeof value === "object"
      ? Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
      : [prefix];
  const namespaces = new Set(LOCALES.flatMap((l) => (fs.existsSync(path.join(root, l)) ? fs.readdirSync(path.join(root, l)) : [])));

  it.each([...namespaces])("%s has the same keys in en, vi, sk and hu", (file) => {
    const load = (locale: string) => JSON.parse(fs.readFileSync(path.join(root, locale, file), "utf8")) as unknown;
    const english = keysOf(load("en")).sort();
    for (const locale of LOCALES) {
      expect(fs.existsSync(path.join(root, locale, file))).toBe(true);
      expect(keysOf(load(locale)).sort()).toEqual(english);
    }
  });

  it.each([...namespaces])("%s holds one object keyed by its namespace", (file) => {
    for (const locale of LOCALES) {
      const content = JSON.parse(fs.readFileSync(path.join(root, locale, file), "utf8")) as Record<string, unknown>;
      expect(Object.keys(content)).toEqual([file.replace(/\.json$/, "")]);
    }
  });
});
