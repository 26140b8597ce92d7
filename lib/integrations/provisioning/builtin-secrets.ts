// Secrets of the built-in control panel: account, FTP, database and mailbox passwords are kept only
// as salted scrypt hashes (a panel never needs them back), and the signed links it hands out —
// one-time single sign-on, the panel view, backup downloads — are HMAC-signed with a key derived
// from AUTH_SECRET, so any web instance can check them without shared memory.
import { createHmac, hkdfSync, randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";

// N=2^14 keeps a hash around 20–40 ms: panel passwords are random or user-chosen and checked
// rarely; argon2 (the login hash) would make the seed and the tests slow for no gain here.
const SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;

function scryptAsync(password: string, salt: Buffer, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** "scrypt$<N>$<salt>$<hash>" (base64url). */
export async function hashPanelPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength);
  return ["scrypt", String(SCRYPT.N), salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPanelPassword(stored: string, password: string): Promise<boolean> {
  const [kind, n, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || Number(n) !== SCRYPT.N || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scryptAsync(password, Buffer.from(salt, "base64url"), expected.length);
  return timingSafeEqual(expected, actual);
}

// No 0/O, 1/l/I: the password may be read off a screen and typed in by hand.
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "!#%+-=?@_";

/** A random account password (16 characters, every character class at least once). */
export function generatePanelPassword(length = 16): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const chars = [LOWER, UPPER, DIGITS, SYMBOLS].map((set) => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

export type PanelLinkKind = "sso" | "view" | "download";

export type PanelLinkPayload = {
  /** What the link is for; a token of one kind is refused where another is expected. */
  k: PanelLinkKind;
  /** The panel account (sso, view) or backup (download) it is for. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Unique id of the token (a one-time token is used up by recording it). */
  jti: string;
};

export type PanelLinkCheck = { ok: true; payload: PanelLinkPayload } | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "wrong_kind" };

function linkKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "portico", "builtin-panel-links", 32));
}

function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET must be set to sign control-panel links");
  return secret;
}

/** A signed token "<payload>.<signature>" valid for `ttlSeconds` from `now`. */
export function signPanelLink(input: { kind: PanelLinkKind; sub: string; ttlSeconds: number; now?: Date; secret?: string }): { token: string; payload: PanelLinkPayload } {
  const now = input.now ?? new Date();
  const payload: PanelLinkPayload = { k: input.kind, sub: input.sub, exp: Math.floor(now.getTime() / 1000) + input.ttlSeconds, jti: randomBytes(12).toString("base64url") };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const signature = createHmac("sha256", linkKey(input.secret ?? authSecret())).update(body).digest("base64url");
  return { token: `${body}.${signature}`, payload };
}

/** Checks signature, kind and expiry of a token from signPanelLink. */
export function verifyPanelLink(token: string | null | undefined, kind: PanelLinkKind, opts: { now?: Date; secret?: string } = {}): PanelLinkCheck {
  if (!token || token.length > 1000) return { ok: false, reason: "malformed" };
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", linkKey(opts.secret ?? authSecret())).update(body).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  let payload: PanelLinkPayload;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as PanelLinkPayload;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof payload?.sub !== "string" || typeof payload.exp !== "number" || typeof payload.jti !== "string") return { ok: false, reason: "malformed" };
  if (payload.k !== kind) return { ok: false, reason: "wrong_kind" };
  if (payload.exp * 1000 <= (opts.now ?? new Date()).getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload };
}
