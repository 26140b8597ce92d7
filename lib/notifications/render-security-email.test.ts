import en from "@/messages/en/email.json";
import hu from "@/messages/hu/email.json";
import sk from "@/messages/sk/email.json";
import vi from "@/messages/vi/email.json";
import { renderSecurityEmail, type SecurityEventKind } from "./render-security-email";

const KINDS: SecurityEventKind[] = ["new_login", "2fa_enabled", "2fa_disabled", "password_changed"];
const TRANSLATIONS = { vi, sk, hu };

function leaves(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.assign({}, ...Object.entries(value as Record<string, unknown>).map(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)));
}
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("email messages", () => {
  const source = leaves(en);

  it.each(Object.entries(TRANSLATIONS))("%s has every English key, translated, with the same placeholders", (_locale, messages) => {
    const translated = leaves(messages);
    expect(Object.keys(translated).sort()).toEqual(Object.keys(source).sort());
    for (const [key, english] of Object.entries(source)) {
      expect(placeholders(translated[key])).toEqual(placeholders(english));
      if (!["email.layout.signature"].includes(key)) expect({ key, value: translated[key] }).not.toEqual({ key, value: english });
    }
  });
});

describe("renderSecurityEmail", () => {
  const recipient = { name: "Ada", email: "ada@example.test", timeZone: "Asia/Ho_Chi_Minh" };

  it.each(["en", "vi", "sk", "hu"].flatMap((locale) => KINDS.map((kind) => [locale, kind] as const)))("renders %s / %s completely", (locale, kind) => {
    const email = renderSecurityEmail({ kind, recipient: { ...recipient, locale }, at: new Date(), appUrl: "https://portal.example.com/", ip: "198.51.100.1" });
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toMatch(/^email\./);
    expect(email.text).not.toMatch(/email\.(layout|security)\./);
    expect(email.text).toContain("ada@example.test");
    expect(email.text).toContain("198.51.100.1");
    expect(email.text).toContain("https://portal.example.com/account/security");
    expect(email.html).toContain('<a href="https://portal.example.com/account/security"');
  });

  it("falls back to English for an unknown locale and shows the time in the recipient's zone", () => {
    const email = renderSecurityEmail({ kind: "new_login", recipient: { ...recipient, locale: "xx" }, at: new Date("2026-05-01T00:15:00Z"), appUrl: "http://localhost:3000" });
    expect(email.subject).toBe("New sign-in to your Portico account");
    expect(email.text).toContain("07:15"); // UTC+7
    expect(email.text).not.toContain("IP address");
  });
});
