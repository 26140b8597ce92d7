// The canned-reply form's schemas, shared by react-hook-form on the client and the server actions.
// Messages are keys under the "staffTickets" namespace (messages/<locale>/staffTickets.json).
import { z } from "zod";

export const CANNED_TITLE_MAX = 120;
export const CANNED_BODY_MAX = 10_000;

/** The placeholders a canned reply may use; anything else in {{ }} is left as typed. */
export const CANNED_PLACEHOLDERS = ["customer.name", "customer.contract", "contact.name", "ticket.number", "ticket.subject", "staff.name"] as const;
export type CannedPlaceholder = (typeof CANNED_PLACEHOLDERS)[number];

export const cannedReplySchema = z.object({
  title: z.string().trim().min(1, "errors.titleRequired").max(CANNED_TITLE_MAX, "errors.titleTooLong"),
  body: z.string().trim().min(1, "errors.bodyRequired").max(CANNED_BODY_MAX, "errors.bodyTooLong"),
  /** "" (every department) or a department id. */
  departmentId: z.union([z.literal(""), z.uuid("errors.invalidChoice")]).default(""),
});
export type CannedReplyInput = z.input<typeof cannedReplySchema>;

export const updateCannedReplySchema = cannedReplySchema.extend({ id: z.uuid("errors.invalidChoice") });
export type UpdateCannedReplyInput = z.input<typeof updateCannedReplySchema>;

export const cannedReplyIdSchema = z.object({ id: z.uuid("errors.invalidChoice") });
