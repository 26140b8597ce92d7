import "server-only";
import { domainToASCII, domainToUnicode } from "node:url";
import { type Actor, customerScope } from "@/lib/auth/actor-types";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { type Availability, RegistrarError, type RegistrarModule, registrarByKey } from "@/lib/integrations/registrar";
import { type RdapLookupOptions, type RdapLookupResult, lookupDomain } from "@/lib/integrations/registrar/rdap";

// The domain search (issue 6, /domains/search): availability of a name across the TLDs Portico
// sells, with this customer's prices (register and renew for a free name, transfer for a taken
// one). The registry is asked once per registrar for all candidates; when it cannot be reached,
// the page says so instead of guessing.

/** How many TLDs a bare label is tried with. */
export const SEARCH_TLDS = 12;

export type SearchResult = {
  name: string;
  tld: string;
  /** The name as typed when it is an IDN ("café.com" for "xn--caf-dma.com"). */
  unicode: string | null;
  availability: Availability;
  /** Per year in the customer's currency; null when staff have not priced it. */
  prices: { register: bigint | null; renew: bigint | null; transfer: bigint | null };
};

export type SearchOutcome =
  | { kind: "results"; currency: string; exact: SearchResult | null; suggestions: SearchResult[]; /** RDAP data of an exact name that is taken. */ rdap: RdapLookupResult | null }
  | { kind: "invalid" }
  | { kind: "unavailable" };

type TldRow = { id: string; name: string; registrar: string; prices: { action: "register" | "renew" | "transfer"; amountMinor: bigint }[] };

/** "Café.com" → { label: "xn--caf-dma", tld: "com" } against the catalog's TLDs (the longest that fits); null if none fits. */
export function splitAgainst(asciiName: string, tlds: readonly string[]): { label: string; tld: string } | null {
  const sorted = [...tlds].sort((a, b) => b.length - a.length);
  for (const tld of sorted) {
    if (asciiName.endsWith(`.${tld}`)) {
      const label = asciiName.slice(0, -(tld.length + 1));
      return label && !label.includes(".") ? { label, tld } : null;
    }
  }
  return null;
}

export async function searchDomains(actor: Actor, query: string, opts: { registrar?: (key: string) => RegistrarModule; rdap?: RdapLookupOptions } = {}): Promise<SearchOutcome> {
  const customerId = customerScope(actor, "domains.view");
  const ascii = domainToASCII(query.trim().toLowerCase());
  if (!ascii) return { kind: "invalid" };
  const customer = await db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { currency: true } });
  const tlds: TldRow[] = await db.tld.findMany({
    where: { active: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, registrar: true, prices: { where: { currency: customer.currency, years: 1 }, select: { action: true, amountMinor: true } } },
  });
  const byName = new Map(tlds.map((t) => [t.name, t]));

  let exactName: string | null = null;
  let label = ascii;
  if (ascii.includes(".")) {
    const split = splitAgainst(ascii, [...byName.keys()]);
    if (!split) return { kind: "invalid" };
    exactName = ascii;
    label = split.label;
  }
  const candidates = [...(exactName ? [exactName] : []), ...tlds.slice(0, SEARCH_TLDS).map((t) => `${label}.${t.name}`).filter((n) => n !== exactName)];

  // One availability call per registrar, all candidates at once.
  const groups = new Map<string, string[]>();
  for (const name of candidates) {
    const tld = byName.get(splitAgainst(name, [...byName.keys()])!.tld)!;
    groups.set(tld.registrar, [...(groups.get(tld.registrar) ?? []), name]);
  }
  const answers = new Map<string, Availability>();
  try {
    for (const [key, names] of groups) {
      for (const a of await (opts.registrar ?? registrarByKey)(key).checkAvailability(names)) answers.set(a.name, a);
    }
  } catch (error) {
    if (error instanceof RegistrarError) return { kind: "unavailable" };
    throw error;
  }

  const resultOf = (name: string): SearchResult => {
    const tld = byName.get(splitAgainst(name, [...byName.keys()])!.tld)!;
    const price = (action: "register" | "renew" | "transfer") => tld.prices.find((p) => p.action === action)?.amountMinor ?? null;
    const unicode = domainToUnicode(name);
    return { name, tld: tld.name, unicode: unicode !== name ? unicode : null, availability: answers.get(name) ?? { name, available: false, reason: "unsupported" }, prices: { register: price("register"), renew: price("renew"), transfer: price("transfer") } };
  };
  const exact = exactName ? resultOf(exactName) : null;
  // Who holds a taken name, from its registry's RDAP server (a clear "cannot be reached" otherwise).
  const rdap = exact && !exact.availability.available && exact.availability.reason === "taken" ? await lookupDomain(exact.name, { timeoutMs: 4_000, bootstrapUrl: getEnv().RDAP_BOOTSTRAP_URL, ...opts.rdap }) : null;
  return { kind: "results", currency: customer.currency, exact, suggestions: candidates.filter((n) => n !== exactName).map(resultOf), rdap };
}
