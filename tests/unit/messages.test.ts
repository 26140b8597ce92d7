// Every user-visible string exists in en, vi, sk and hu, with the same placeholders.
import fs from "node:fs";
import path from "node:path";

const LOCALES = ["en", "vi", "sk", "hu"] as const;
const dir = path.resolve("messages");
const namespaces = fs.readdirSync(path.join(dir, "en")).filter((f) => f.endsWith(".json"));

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  const out: Record<string, string> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) Object.assign(out, flatten(child, prefix ? `${prefix}.${key}` : key));
  return out;
}
const load = (locale: string, file: string) => flatten(JSON.parse(fs.readFileSync(path.join(dir, locale, file), "utf8")));
// Top-level argument names of an ICU message ({name}, {count, plural, …}).
const args = (message: string) => [...message.matchAll(/\{\s*([a-zA-Z0-9_]+)\s*[,}]/g)].map((m) => m[1]).sort();

describe.each(namespaces)("messages/%s", (file) => {
  const english = load("en", file);
  it.each(LOCALES.filter((l) => l !== "en"))("%s has every key of en and no extra ones", (locale) => {
    expect(Object.keys(load(locale, file)).sort()).toEqual(Object.keys(english).sort());
  });
  it.each(LOCALES.filter((l) => l !== "en"))("%s uses the same placeholders and is not an English copy", (locale) => {
    const translated = load(locale, file);
    const copies = Object.keys(english).filter((k) => english[k].length > 25 && translated[k] === english[k]);
    expect(copies).toEqual([]);
    for (const key of Object.keys(english)) expect([key, [...new Set(args(translated[key] ?? ""))]]).toEqual([key, [...new Set(args(english[key]))]]);
  });
  it("is one object keyed by the namespace's name", () => {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, "en", file), "utf8"));
    expect(Object.keys(raw)).toEqual([file.replace(/\.json$/, "")]);
  });
});
