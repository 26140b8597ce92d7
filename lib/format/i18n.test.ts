import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
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

  it("every message is valid ICU syntax and not empty", () => {
    // intl-messageformat is ESM-only, which this jest setup does not load; ask Node directly.
    const script = `
      import fs from "node:fs"; import path from "node:path";
      import { IntlMessageFormat } from "intl-messageformat";
      const root = ${JSON.stringify(root)}; const bad = [];
      const walk = (v, key, locale, file) => typeof v === "string"
        ? (() => { try { if (!v.trim()) throw new Error("empty"); new IntlMessageFormat(v, locale); } catch (e) { bad.push(locale + "/" + file + ": " + key + ": " + e.message); } })()
        : Object.entries(v).forEach(([k, x]) => walk(x, key ? key + "." + k : k, locale, file));
      for (const locale of ${JSON.stringify(LOCALES)})
        for (const file of fs.existsSync(path.join(root, locale)) ? fs.readdirSync(path.join(root, locale)) : [])
          walk(JSON.parse(fs.readFileSync(path.join(root, locale, file), "utf8")), "", locale, file);
      process.stdout.write(JSON.stringify(bad));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd(), encoding: "utf8" });
    expect(JSON.parse(output)).toEqual([]);
  });

  it.each([...namespaces])("%s holds one object keyed by its namespace", (file) => {
    for (const locale of LOCALES) {
      const content = JSON.parse(fs.readFileSync(path.join(root, locale, file), "utf8")) as Record<string, unknown>;
      expect(Object.keys(content)).toEqual([file.replace(/\.json$/, "")]);
    }
  });
});
