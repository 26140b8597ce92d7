import { z } from "zod";

export const DOMAIN_FILTERS = ["active", "pending", "expired", "all"] as const;
export type DomainFilter = (typeof DOMAIN_FILTERS)[number];

/** `/domains?filter=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const domainListParamsSchema = z.object({
  filter: z.enum(DOMAIN_FILTERS).catch("active"),
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
