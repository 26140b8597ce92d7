// Pure helpers for email replies to tickets: which ticket a message belongs to (reply address or
// subject tag) and which part of it the customer actually wrote. No I/O, safe to import anywhere.

// ---------------------------------------------------------------------------------------------
// Ticket token: reply address and subject tag
// ---------------------------------------------------------------------------------------------

/**
 * 24 lower-case characters: base32 (a–z, 2–7; what `generateTicketToken` makes) or hex both fit.
 * 120 random bits, so a token cannot be guessed to post into someone else's ticket.
 */
export const TICKET_TOKEN_PATTERN = /^[a-z0-9]{24}$/;
const TOKEN = "[a-z0-9]{24}";

const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** A fresh token: 15 random bytes as 24 base32 characters (lower case, so it survives case-folding mail servers). */
export function generateTicketToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(15));
  let bits = 0;
  let value = 0;
  let token = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      token += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return token;
}

/** `support@example.com` + token → `support+t.<token>@example.com` (plus-addressing on the support mailbox). */
export function ticketReplyAddress(token: string, supportAddress: string): string {
  if (!TICKET_TOKEN_PATTERN.test(token)) throw new Error("Invalid ticket token");
  const at = supportAddress.lastIndexOf("@");
  if (at <= 0 || at === supportAddress.length - 1) throw new Error(`Invalid support address: ${supportAddress}`);
  // An existing "+tag" on the support address is replaced, so the token is the only tag.
  const local = supportAddress.slice(0, at).split("+")[0];
  return `${local}+t.${token}@${supportAddress.slice(at + 1).toLowerCase()}`;
}

/** `[T-1042#<token>]`: the ticket number for people, the token for routing. Accepts "1042" or "T-1042". */
export function subjectTag(number: string | number, token: string): string {
  if (!TICKET_TOKEN_PATTERN.test(token)) throw new Error("Invalid ticket token");
  const shown = String(number).replace(/^T-/i, "");
  if (!/^[A-Za-z0-9-]{1,32}$/.test(shown)) throw new Error(`Invalid ticket number: ${number}`);
  return `[T-${shown}#${token}]`;
}

// Tolerates spaces some clients add inside brackets and a case-folded tag.
const SUBJECT_TAG = new RegExp(`\\[\\s*T-([A-Za-z0-9-]{1,32})\\s*#\\s*(${TOKEN})\\s*\\]`, "i");
const SUBJECT_TAG_GLOBAL = new RegExp(SUBJECT_TAG.source, "gi");
const ADDRESS_TOKEN = new RegExp(`\\+t\\.(${TOKEN})@`, "i");

/** The number (without "T-") and token of the first subject tag, or null. */
export function parseSubjectTag(subject: string): { number: string; token: string } | null {
  const match = SUBJECT_TAG.exec(subject);
  return match ? { number: match[1], token: match[2].toLowerCase() } : null;
}

/** The ticket token from a `+t.<token>@` recipient (To first, then Cc) or else from the subject tag. */
export function parseTicketToken(mail: { to: readonly string[]; cc: readonly string[]; subject: string }): string | null {
  for (const address of [...mail.to, ...mail.cc]) {
    const match = ADDRESS_TOKEN.exec(address);
    if (match) return match[1].toLowerCase();
  }
  return parseSubjectTag(mail.subject)?.token ?? null;
}

// Reply and forward prefixes: en Re/Fwd/Fw, de AW/WG, fi Vs/Välitetty, sv/da/no Sv/Vs/Vb, pl/cs/sk Odp/PD/Fw,
// hu Vá/Válasz/Tov/Továbbítás, nl Antw/Doorst, fr Tr/Réf, es/pt Rv/Res/Enc, it Rif;
// optionally counted ("Re[2]:", "Re(2):") and with a full-width colon.
const REPLY_PREFIX =
  /^\s*(?:re|fwd?|aw|wg|vs|sv|vb|odp|pd|vá|válasz|tov|továbbítás|antw|doorst|tr|réf|rv|res|enc|rif|välitetty)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;

/** The subject without reply/forward prefixes and without our tag: "Re: AW: [T-7#…] Server down" → "Server down". */
export function cleanSubject(subject: string): string {
  let rest = subject.replace(SUBJECT_TAG_GLOBAL, " ").replace(/\s+/g, " ").trim();
  for (let previous = ""; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(REPLY_PREFIX, "").trim();
  }
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Quoted history
// ---------------------------------------------------------------------------------------------

// The attribution line a client writes above the quoted message. Matched against one line or a
// line wrapped over up to three (Gmail wraps long ones, often inside the <address>).
const ATTRIBUTION_PATTERNS: RegExp[] = [
  /^On\s.{1,400}\swrote\s?:$/i, // en: On Mon, 3 Nov 2026 at 10:00, Portico <…> wrote:
  /^Am\s.{1,400}\sschrieb\s.{0,400}:$/i, // de: Am 03.11.2026 um 10:00 schrieb Portico <…>:
  /^.{1,400}\sschrieb am\s.{1,400}:$/i, // de (Thunderbird): Portico schrieb am 03.11.2026 10:00:
  /^Vào\s.{1,400}\sđã viết\s?:$/iu, // vi: Vào 10:00 Th 2, 3 thg 11, 2026 Portico <…> đã viết:
  /^Dňa\s.{1,400}\snapísal(?:\(a\)|a)?\s?:$/iu, // sk: Dňa 3. 11. 2026 o 10:00 Portico <…> napísal:
  /^.{1,400}\snapísal(?:\(a\)|a)?\s?:$/iu, // sk: po 3. 11. 2026 o 10:00 Portico <…> napísal(a):
  /^.{1,400}\snapsal(?:\(a\)|a)?\s?:$/iu, // cs
  /^.{1,400}\snapisał(?:\(a\)|a)?\s?:$/iu, // pl
  /^.{1,400}\sírta(?:\s*\([^)]*\))?\s?:$/iu, // hu: Portico <…> ezt írta (időpont: 2026. nov. 3., H, 10:00):
  /^Le\s.{1,400}\sa écrit\s?:$/iu, // fr
  /^El\s.{1,400}\sescribió\s?:$/iu, // es
  /^Op\s.{1,400}\sschreef.{0,400}:$/i, // nl
];
// A line that plainly starts an attribution; the lines above it are never part of it.
const ATTRIBUTION_START = /^(?:On|Am|Vào|Dňa|Le|El|Op)\s/u;
// A time, a year or an address: in every attribution, and in each fragment of a wrapped one.
const ATTRIBUTION_DETAIL = /\d{1,2}:\d{2}|(?:19|20)\d{2}|@/;
const ATTRIBUTION_FRAGMENT = /\d{1,2}:\d{2}|(?:19|20)\d{2}|@|<|>/;

// Outlook's divider ("-----Original Message-----") in the languages we serve and a few more.
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Eredeti üzenet|Pôvodná správa|Původní zpráva|Oryginalna wiadomość|Thư gốc|Message d'origine|Mensaje original|Oorspronkelijk bericht)\s*-{2,}$/iu;
// Outlook / OWA put a line of underscores above the header block.
const UNDERSCORE_SEPARATOR = /^_{10,}$/;
// Outlook's header block: "From:" followed within a few lines by "Sent:" (or "Date:"), localised.
const HEADER_FROM = /^\*?(?:From|Von|Feladó|Od|Từ|De|Van|Da|Fra|Från|Lähettäjä)\s*:\*?\s*\S/iu;
const HEADER_SENT = /^\*?(?:Sent|Date|Gesendet|Datum|Elküldve|Dátum|Odoslané|Odesláno|Wysłano|Đã gửi|Ngày gửi|Envoyé|Enviado|Verzonden|Inviato|Sendt|Skickat|Lähetetty)\s*:\*?/iu;
// "-- " by the standard; many clients lose the trailing space.
const SIGNATURE_DELIMITER = /^--[ \t]*$/;
const MAX_SIGNATURE_LINES = 15;

// Mail clients put non-breaking spaces into attributions ("a écrit :", Gmail's narrow no-break space).
const forMatching = (line: string) => line.replace(/[\u00a0\u202f\u2007]/g, " ").trim();
const isQuoted = (line: string) => /^\s*>/.test(line);

function matchesAttribution(lines: string[]): boolean {
  const window = lines.map(forMatching);
  if (window.some((line) => !line || isQuoted(line))) return false;
  const joined = window.join(" ");
  // Real attributions name a date or an address; "A rendszer ezt írta:" above a pasted log does not.
  return ATTRIBUTION_DETAIL.test(joined) && ATTRIBUTION_PATTERNS.some((pattern) => pattern.test(joined));
}

/** Number of lines of an attribution starting at line i (0 if none). */
function attributionAt(lines: string[], i: number): number {
  for (let length = 1; length <= 3 && i + length <= lines.length; length++) {
    if (!matchesAttribution(lines.slice(i, i + length))) continue;
    // "Thanks!" + "Jana napísala:" also matches as a whole; the attribution then starts a line later.
    if (length > 1 && attributionAt(lines.slice(0, i + length), i + 1)) return 0;
    return length;
  }
  return 0;
}

/** Lines up to (not including) the next blank line: an Outlook header block. */
function blockLength(lines: string[], i: number): number {
  let end = i;
  while (end < lines.length && forMatching(lines[end])) end++;
  return end - i;
}

/** Where quoted history starts at line i and how many lines its header takes; null if it does not. */
function historyHeaderAt(lines: string[], i: number): { start: number; length: number } | null {
  const line = forMatching(lines[i]);
  if (!line || isQuoted(line)) return null;
  if (ORIGINAL_MESSAGE.test(line) || UNDERSCORE_SEPARATOR.test(line)) {
    // The divider is usually followed by the From:/Sent:/To:/Subject: block.
    const next = i + 1 < lines.length && HEADER_FROM.test(forMatching(lines[i + 1])) ? blockLength(lines, i + 1) : 0;
    return { start: i, length: 1 + next };
  }
  if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 6).some((next) => HEADER_SENT.test(forMatching(next)))) return { start: i, length: blockLength(lines, i) };
  const length = attributionAt(lines, i);
  if (!length) return null;
  // A wrapped attribution can be matched from its second line; take its first line with it.
  let start = i;
  while (start > 0 && start > i - 2 && !ATTRIBUTION_START.test(forMatching(lines[start]))) {
    const above = forMatching(lines[start - 1]);
    if (!above || isQuoted(above) || !ATTRIBUTION_FRAGMENT.test(above)) break;
    start--;
  }
  return { start, length: length + i - start };
}

function dropTrailingQuotes(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && (!lines[end - 1].trim() || isQuoted(lines[end - 1]))) end--;
  return lines.slice(0, end);
}

function dropSignature(lines: string[]): string[] {
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 1 - MAX_SIGNATURE_LINES; i--) {
    if (SIGNATURE_DELIMITER.test(lines[i])) return lines.slice(0, i);
  }
  return lines;
}

const joinTrimmed = (lines: string[]) => lines.join("\n").trim();

/**
 * What the customer wrote: everything above the first reply attribution / Outlook header block,
 * without a trailing ">"-quoted block and a trailing "-- " signature. Text written between quotes
 * stays. If that leaves nothing (the customer wrote below the quote), the lines that are not quoted
 * are kept instead, so a message with any unquoted text never comes back empty.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let history: { start: number; length: number } | null = null;
  for (let i = 0; i < lines.length && !history; i++) history = historyHeaderAt(lines, i);
  const above = dropTrailingQuotes(history ? lines.slice(0, history.start) : lines);

  const withoutSignature = joinTrimmed(dropSignature(above));
  if (withoutSignature) return withoutSignature;
  const withSignature = joinTrimmed(above);
  if (withSignature) return withSignature;

  // Bottom-posting or typing inside the quoted message: keep what is neither quoted nor a header.
  const unquoted: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = historyHeaderAt(lines, i);
    if (header) {
      unquoted.splice(unquoted.length - (i - header.start));
      i = header.start + header.length - 1;
    } else if (!isQuoted(lines[i])) unquoted.push(lines[i]);
  }
  return joinTrimmed(dropSignature(unquoted)) || joinTrimmed(unquoted) || joinTrimmed(lines.filter((line) => !isQuoted(line)));
}
