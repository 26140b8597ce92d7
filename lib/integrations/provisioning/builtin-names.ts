// The naming rules of the built-in simulated control panel, as a cPanel-like panel enforces them.
// Pure functions: the module calls them before it writes, and the unit tests pin them down.

/** A panel username: lower-case letters and digits, starting with a letter, at most 16 characters. */
export const USERNAME_MAX_LENGTH = 16;
// The derived base stays short so a collision suffix ("acmestudio2") still fits.
const USERNAME_BASE_MAX_LENGTH = 12;
export const DATABASE_NAME_MAX_LENGTH = 64;

/**
 * The username a new account would like to have, from its domain (or another hint): the labels
 * before the public suffix, letters and digits only ("www.acme-studio.vn" → "acmestudio").
 */
export function deriveUsernameBase(hint: string): string {
  let labels = hint.trim().toLowerCase().split(".").filter(Boolean);
  if (labels[0] === "www") labels = labels.slice(1);
  if (labels.length > 1) labels = labels.slice(0, -1);
  let base = labels.join("").replace(/[^a-z0-9]/g, "");
  if (/^[0-9]/.test(base)) base = `u${base}`;
  base = base.slice(0, USERNAME_BASE_MAX_LENGTH);
  return base.length >= 2 ? base : `user${base}`;
}

/** The `attempt`-th candidate: the base itself, then base1, base2, … (cut to fit 16 characters). */
export function usernameCandidate(base: string, attempt: number): string {
  if (attempt <= 0) return base.slice(0, USERNAME_MAX_LENGTH);
  const suffix = String(attempt);
  return `${base.slice(0, USERNAME_MAX_LENGTH - suffix.length)}${suffix}`;
}

const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export function isValidDomain(domain: string): boolean {
  return DOMAIN_PATTERN.test(domain);
}

/** FTP user name before "@domain": letters, digits, dot, dash, underscore; starts with a letter or digit. */
export function isValidFtpName(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,31}$/.test(name) && !name.includes("..");
}

/** The full FTP login the panel creates: "name@domain". */
export const ftpLogin = (name: string, domain: string) => `${name}@${domain}`;

/** Database names are "<username>_<name>" like on cPanel, at most 64 characters (MySQL's limit). */
export function databaseFullName(username: string, name: string): string {
  return `${username}_${name}`;
}

export function isValidDatabaseName(username: string, name: string): boolean {
  return /^[a-z0-9][a-z0-9_]*$/.test(name) && databaseFullName(username, name).length <= DATABASE_NAME_MAX_LENGTH;
}

/** A mailbox or alias local part: letters, digits and . _ + - inside, no dots at the ends or twice, at most 64. */
export function isValidMailLocalPart(localPart: string): boolean {
  return /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?$/.test(localPart) && !localPart.includes("..");
}

const EMAIL_PATTERN = /^[a-z0-9](?:[a-z0-9._+-]{0,62}[a-z0-9])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** An alias destination: any address (lower-case). */
export function isValidEmailAddress(address: string): boolean {
  return EMAIL_PATTERN.test(address) && !address.split("@")[0].includes("..") && address.length <= 254;
}

/** A subdomain label by RFC 1035: starts with a letter, letters, digits and inner hyphens, at most 63. */
export function isValidSubdomainLabel(label: string): boolean {
  return /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label);
}

/**
 * A directory inside the account's home, as "/public_html/blog": no "..", no "~", no backslash,
 * no control characters. Returns the normalised path, or null when the panel would refuse it.
 */
export function normaliseHomeDirectory(path: string): string | null {
  const trimmed = path.trim();
  if (trimmed.length > 255 || /[\\~\0-\x1f]/.test(trimmed)) return null;
  const parts = trimmed.split("/").filter(Boolean);
  if (parts.some((part) => part === "." || part === ".." || !/^[A-Za-z0-9._-]+$/.test(part))) return null;
  return `/${parts.join("/")}`;
}

/** The panel's own password rule (Portico's forms ask for more): 8 to 128 characters, not all one kind. */
export function isAcceptablePanelPassword(password: string): boolean {
  if (password.length < 8 || password.length > 128) return false;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return kinds >= 2;
}

/** An auto-responder's end date: "YYYY-MM-DD" of a real day, or null. */
export function parseAutoReplyUntil(value: string | null): Date | null | "invalid" {
  if (value === null || value === "") return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "invalid";
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? "invalid" : date;
}
