// Audit data shown to customers (activity page and its CSV) never carries a secret, whatever an
// area put into it: keys that name one are dropped, at any depth. Pure, so it is unit-tested.

// Whole words of a key ("authCode" → auth, code; "reset_token" → reset, token).
const SECRET_WORDS = new Set([
  "password", "passwords", "passwd", "pwd", "passphrase", "token", "tokens", "secret", "secrets", "code", "codes",
  "totp", "otp", "pin", "hash", "cookie", "cookies", "credential", "credentials", "signature", "salt", "nonce", "challenge",
]);
// Fragments that give a secret away even inside a longer word ("newpassword", "apikey", "clientsecret").
const SECRET_FRAGMENTS = ["password", "passwd", "secret", "token", "authcode", "eppcode", "totp", "apikey", "privatekey", "recoverycode", "sessioncookie"];

const wordsOf = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** True when a key of audit data names a secret (password, token, code, secret, authCode, totp, …). */
export function isSecretKey(key: string): boolean {
  const compact = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return wordsOf(key).some((word) => SECRET_WORDS.has(word)) || SECRET_FRAGMENTS.some((fragment) => compact.includes(fragment));
}

const MAX_DEPTH = 8;

/** A copy of `data` without secret keys (objects inside arrays too); other values are kept as they are. */
export function redactAuditData(data: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(data)) return data.map((item) => redactAuditData(item, depth + 1));
  if (data && typeof data === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      if (isSecretKey(key)) continue;
      // In { changes: { password: { from, to } } } the field name is the key one level up.
      out[key] = redactAuditData(value, depth + 1);
    }
    return out;
  }
  return data;
}
