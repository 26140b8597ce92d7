// The hosting tools' forms (backups, FTP, databases, mail, subdomains), shared by react-hook-form
// on the client and the server actions. The name and path rules are the control panel's own
// (lib/integrations/provisioning/builtin-names.ts), so what the form accepts the panel accepts;
// passwords are held to more than the panel's minimum. Messages are keys of the "hosting" namespace.
import { z } from "zod";
import {
  isAcceptablePanelPassword,
  isValidEmailAddress,
  isValidFtpName,
  isValidMailLocalPart,
  isValidSubdomainLabel,
  normaliseHomeDirectory,
  parseAutoReplyUntil,
} from "@/lib/integrations/provisioning/builtin-names";

/** Portico asks for more than the panel (8 characters, two kinds): 12 characters and three kinds. */
export const HOSTING_PASSWORD_MIN = 12;
export const HOSTING_PASSWORD_MAX = 128;
export const HOSTING_PASSWORD_KINDS = 3;
/** The longest database name before the "<username>_" prefix (64 in all, usernames up to 16). */
export const DATABASE_NAME_MAX = 47;
export const QUOTA_MAX_MB = 10_000_000;
export const AUTO_REPLY_SUBJECT_MAX = 200;
export const AUTO_REPLY_BODY_MAX = 5_000;
/** Names a subdomain may not take: the panel serves them itself. */
export const RESERVED_SUBDOMAINS = ["www", "webmail", "mail"] as const;
export const DEFAULT_FTP_DIRECTORY = "/public_html";

const passwordKinds = (password: string) => [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;

/** The message key for a password the forms refuse, or null when it is strong enough. */
export function hostingPasswordProblem(password: string): string | null {
  if (password.length < HOSTING_PASSWORD_MIN) return "errors.passwordShort";
  if (password.length > HOSTING_PASSWORD_MAX) return "errors.passwordLong";
  if (passwordKinds(password) < HOSTING_PASSWORD_KINDS || !isAcceptablePanelPassword(password)) return "errors.passwordWeak";
  return null;
}

// No trim: spaces are characters of a password.
const password = z.string().superRefine((value, ctx) => {
  const problem = hostingPasswordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const serviceId = z.guid({ message: "errors.notFound" });
const resourceId = z.guid({ message: "errors.resourceGone" });

/**
 * A quota in MB: the form sends text ("" = no limit of its own), the server action gets the
 * number (or null) the client's parse produced, and parses it again.
 */
const quotaMb = z.union([z.string(), z.number(), z.null()]).transform((value, ctx) => {
  const text = typeof value === "string" ? value.trim() : value;
  if (text === "" || text === null) return null;
  const n = typeof text === "number" ? text : /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > QUOTA_MAX_MB) {
    ctx.addIssue({ code: "custom", message: "errors.quota" });
    return z.NEVER;
  }
  return n;
});

const directory = (message: string, opts: { allowRoot: boolean }) =>
  z.string().transform((value, ctx) => {
    const normalised = normaliseHomeDirectory(value === "" ? "/" : value);
    if (!normalised || (!opts.allowRoot && normalised === "/")) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return normalised;
  });

const lowerName = z.string().trim().toLowerCase();

// ───── backups ─────

export const serviceInputSchema = z.object({ serviceId });
export type ServiceInput = z.infer<typeof serviceInputSchema>;

export const backupInputSchema = z.object({ serviceId, backupId: resourceId });
export type BackupInput = z.infer<typeof backupInputSchema>;

// ───── FTP ─────

export const createFtpSchema = z.object({
  serviceId,
  name: lowerName.refine((v) => v.length > 0, "errors.nameRequired").refine(isValidFtpName, "errors.ftpName"),
  password,
  directory: directory("errors.directory", { allowRoot: true }),
  quotaMb,
});
export type CreateFtpInput = z.input<typeof createFtpSchema>;
export type CreateFtpValues = z.output<typeof createFtpSchema>;

export const ftpPasswordSchema = z.object({ serviceId, ftpId: resourceId, password });
export type FtpPasswordInput = z.infer<typeof ftpPasswordSchema>;

export const ftpInputSchema = z.object({ serviceId, ftpId: resourceId });
export type FtpInput = z.infer<typeof ftpInputSchema>;

// ───── databases ─────

export const createDatabaseSchema = z.object({
  serviceId,
  name: lowerName
    .refine((v) => v.length > 0, "errors.nameRequired")
    .refine((v) => /^[a-z0-9][a-z0-9_]*$/.test(v), "errors.databaseName")
    .refine((v) => v.length <= DATABASE_NAME_MAX, "errors.databaseNameLong"),
  password,
});
export type CreateDatabaseInput = z.infer<typeof createDatabaseSchema>;

export const databasePasswordSchema = z.object({ serviceId, databaseId: resourceId, password });
export type DatabasePasswordInput = z.infer<typeof databasePasswordSchema>;

export const databaseInputSchema = z.object({ serviceId, databaseId: resourceId });
export type DatabaseInput = z.infer<typeof databaseInputSchema>;

// ───── mail ─────

const localPart = lowerName.refine((v) => v.length > 0, "errors.nameRequired").refine(isValidMailLocalPart, "errors.localPart");

export const createMailboxSchema = z.object({ serviceId, localPart, password, quotaMb });
export type CreateMailboxInput = z.input<typeof createMailboxSchema>;
export type CreateMailboxValues = z.output<typeof createMailboxSchema>;

export const mailboxPasswordSchema = z.object({ serviceId, mailboxId: resourceId, password });
export type MailboxPasswordInput = z.infer<typeof mailboxPasswordSchema>;

export const mailboxQuotaSchema = z.object({ serviceId, mailboxId: resourceId, quotaMb });
export type MailboxQuotaInput = z.input<typeof mailboxQuotaSchema>;
export type MailboxQuotaValues = z.output<typeof mailboxQuotaSchema>;

export const autoReplySchema = z
  .object({
    serviceId,
    mailboxId: resourceId,
    enabled: z.boolean(),
    subject: z.string().trim().max(AUTO_REPLY_SUBJECT_MAX, "errors.subjectLong"),
    body: z.string().trim().max(AUTO_REPLY_BODY_MAX, "errors.bodyLong"),
    until: z
      .string()
      .trim()
      .refine((v) => parseAutoReplyUntil(v) !== "invalid", "errors.untilDate"),
  })
  .superRefine((v, ctx) => {
    if (!v.enabled) return;
    if (!v.subject) ctx.addIssue({ code: "custom", path: ["subject"], message: "errors.subjectRequired" });
    if (!v.body) ctx.addIssue({ code: "custom", path: ["body"], message: "errors.bodyRequired" });
  });
export type AutoReplyInput = z.infer<typeof autoReplySchema>;

export const mailboxInputSchema = z.object({ serviceId, mailboxId: resourceId });
export type MailboxInput = z.infer<typeof mailboxInputSchema>;

export const createAliasSchema = z.object({
  serviceId,
  localPart,
  destination: lowerName.refine((v) => v.length > 0, "errors.destinationRequired").refine(isValidEmailAddress, "errors.destination"),
});
export type CreateAliasInput = z.infer<typeof createAliasSchema>;

export const aliasInputSchema = z.object({ serviceId, aliasId: resourceId });
export type AliasInput = z.infer<typeof aliasInputSchema>;

// ───── subdomains ─────

export const createSubdomainSchema = z.object({
  serviceId,
  label: lowerName
    .refine((v) => v.length > 0, "errors.nameRequired")
    .refine(isValidSubdomainLabel, "errors.subdomainLabel")
    .refine((v) => !(RESERVED_SUBDOMAINS as readonly string[]).includes(v), "errors.subdomainReserved"),
  documentRoot: directory("errors.documentRoot", { allowRoot: false }),
});
export type CreateSubdomainInput = z.input<typeof createSubdomainSchema>;
export type CreateSubdomainValues = z.output<typeof createSubdomainSchema>;

export const subdomainInputSchema = z.object({ serviceId, subdomainId: resourceId });
export type SubdomainInput = z.infer<typeof subdomainInputSchema>;

/** `?page=` of a hosting list (the panel returns whole lists; Portico pages them). */
export const HOSTING_PAGE_SIZE = 25;
