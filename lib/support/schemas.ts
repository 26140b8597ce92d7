import { z } from "zod";

/** Status groups the customer filters by: "open" is everything not closed, "awaiting_reply" is answered by staff. */
export const TICKET_FILTERS = ["open", "awaiting_reply", "closed", "all"] as const;
export type TicketFilter = (typeof TICKET_FILTERS)[number];

/** `/support/tickets?status=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const ticketListParamsSchema = z.object({
  status: z.enum(TICKET_FILTERS).catch("open"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TicketListParams = z.infer<typeof ticketListParamsSchema>;

export const ticketNumberSchema = z.string().regex(/^[A-Za-z0-9-]{1,32}$/);
