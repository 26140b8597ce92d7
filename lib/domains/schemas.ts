import { z } from "zod";

/** The list's tabs: "pending" is a registration or transfer under way, "failed" one that did not happen (status cancelled). */
export const DOMAIN_FILTERS = ["active", "pending", "expired", "deleted", "transferred_away", "failed", "all"] as const;
export type DomainFilter = (typeof DOMAIN_FILTERS)[number];

export const DOMAIN_LIST_QUERY_MAX = 100;

/**
 * `/domains?filter=…&q=…&page=…`; anything unexpected falls back to the default instead of failing.
 * `q` keeps only what a domain name is made of (letters, digits, hyphens, dots), so it is a plain
 * "contains" and never a LIKE pattern.
 */
export const domainListParamsSchema = z.object({
  filter: z.enum(DOMAIN_FILTERS).catch("active"),
  q: z
    .string()
    .transform((v) =>
      v
        .trim()
        .toLowerCase()
        // A pasted address: keep the host name.
        .replace(/^https?:\/\//, "")
        .replace(/[/?#].*$/, "")
        .replace(/[^\p{L}\p{N}.-]/gu, "")
        .slice(0, DOMAIN_LIST_QUERY_MAX),
    )
    .catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type DomainListParams = z.infer<typeof domainListParamsSchema>;

export const domainIdSchema = z.guid();

// Labels of letters (IDN allowed), digits and hyphens, not starting or ending with a hyphen;
// a bare label ("acme") is allowed because the search will suggest extensions for it.
const DOMAIN_NAME = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)(?:\.(?!-)[\p{L}\p{N}-]{1,63}(?<!-))*$/u;

/** The domain search form (`/domains/search?q=…`). Error messages are keys under `sections.domainSearch.errors`. */
export const domainSearchSchema = z.object({
  q: z
    .string()
    .trim()
    .toLowerCase()
    // People paste addresses: keep only the host name.
    .transform((v) => v.replace(/^https?:\/\//, "").replace(/[/?#].*$/, "").replace(/^www\./, "").replace(/\.$/, ""))
    .pipe(z.string().min(1, "required").max(253, "invalid").regex(DOMAIN_NAME, "invalid")),
});
export type DomainSearchInput = z.infer<typeof domainSearchSchema>;
