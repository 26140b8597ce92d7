// Ordering domains (issue 6): the forms shared by the browser and the server actions. Messages are
// keys of the "domainOrders" namespace. Only names, years and auth codes travel: prices, availability
// and whether a name may be transferred are the server's to decide.
import { z } from "zod";

/** At most this many domains in one transfer request (and in the cart's domain lines). */
export const MAX_BULK_TRANSFER = 50;
export const MAX_DOMAIN_CART_ITEMS = 100;
export const MAX_YEARS = 10;

// Letters (IDN allowed), digits and inner hyphens per label, at least one dot; the server turns it into A-labels.
const DOMAIN_NAME = /^(?=.{3,253}$)(?!-)[\p{L}\p{N}-]{1,63}(?<!-)(?:\.(?!-)[\p{L}\p{N}-]{1,63}(?<!-))+$/u;

export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/\.$/, ""))
  .pipe(z.string().min(1, "errors.nameRequired").regex(DOMAIN_NAME, "errors.nameInvalid"));

const years = z.coerce.number({ message: "errors.yearsInvalid" }).int("errors.yearsInvalid").min(1, "errors.yearsInvalid").max(MAX_YEARS, "errors.yearsInvalid");

/** EPP authInfo: printable ASCII without spaces; registries use 6 to 32 characters, some up to 64. */
export const authCodeSchema = z
  .string()
  .trim()
  .min(1, "errors.authCodeRequired")
  .min(6, "errors.authCodeInvalid")
  .max(64, "errors.authCodeInvalid")
  .regex(/^[\x21-\x7e]+$/, "errors.authCodeInvalid");

/** "Add to cart" next to a free name on the search page. */
export const addRegistrationSchema = z.object({ name: domainNameSchema, years: years.default(1) });
export type AddRegistrationInput = z.input<typeof addRegistrationSchema>;

/**
 * The transfer form: one domain per line with its auth code ("example.com ABC123xyz", separated by
 * spaces, a tab, a comma or a semicolon, as pasted from a spreadsheet), up to MAX_BULK_TRANSFER lines.
 */
export const bulkTransferSchema = z.object({
  text: z.string().max(20_000, "errors.tooMany"),
});
export type BulkTransferInput = z.input<typeof bulkTransferSchema>;

export type TransferLine = { line: number; name: string; authCode: string };
export type TransferLineProblem = { line: number; name: string; key: string };

/** Splits the pasted text into lines; a line whose name or code is malformed comes back as a problem. */
export function parseTransferLines(text: string): { entries: TransferLine[]; problems: TransferLineProblem[]; tooMany: boolean } {
  const lines = text
    .split(/\r?\n/)
    .map((raw, index) => ({ raw: raw.trim(), line: index + 1 }))
    .filter((l) => l.raw && !l.raw.startsWith("#"));
  const entries: TransferLine[] = [];
  const problems: TransferLineProblem[] = [];
  const seen = new Set<string>();
  for (const { raw, line } of lines) {
    const [first = "", ...rest] = raw.split(/[\s,;]+/);
    const name = domainNameSchema.safeParse(first);
    if (!name.success) {
      problems.push({ line, name: first, key: name.error.issues[0]?.message ?? "errors.nameInvalid" });
      continue;
    }
    if (seen.has(name.data)) {
      problems.push({ line, name: name.data, key: "errors.duplicate" });
      continue;
    }
    seen.add(name.data);
    const code = authCodeSchema.safeParse(rest.join(" "));
    if (!code.success || rest.length > 1) {
      problems.push({ line, name: name.data, key: rest.length > 1 ? "errors.authCodeInvalid" : (code.error?.issues[0]?.message ?? "errors.authCodeInvalid") });
      continue;
    }
    entries.push({ line, name: name.data, authCode: code.data });
  }
  return { entries, problems, tooMany: lines.length > MAX_BULK_TRANSFER };
}

export const removeDomainCartItemSchema = z.object({ itemId: z.guid({ message: "errors.itemNotFound" }) });

export const setDomainCartYearsSchema = z.object({ itemId: z.guid({ message: "errors.itemNotFound" }), years });

/** Renew now, from the domain page: an invoice for `years` more. */
export const renewDomainSchema = z.object({ domainId: z.guid({ message: "errors.notFound" }), years });
export type RenewDomainInput = z.input<typeof renewDomainSchema>;
