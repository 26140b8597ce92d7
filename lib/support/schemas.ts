// One schema per form, shared by react-hook-form on the client and the server action.
// Messages are keys under the "support" namespace (messages/<locale>/support.json).
import { z } from "zod";

export const TICKET_STATUSES = ["open", "answered", "customer_reply", "in_progress", "on_hold", "closed"] as const;
export const TICKET_PRIORITIES = ["urgent", "normal", "low"] as const;

/** What the customer filters by: one status, or the groups "active" (not closed) and "all". */
export const TICKET_FILTERS = ["active", ...TICKET_STATUSES, "all"] as const;
export type TicketFilter = (typeof TICKET_FILTERS)[number];

/** `/support/tickets?status=…&q=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const ticketListParamsSchema = z.object({
  status: z.enum(TICKET_FILTERS).catch("active"),
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TicketListParams = z.infer<typeof ticketListParamsSchema>;

export const ticketNumberSchema = z.string().regex(/^[A-Za-z0-9-]{1,32}$/);

export const TICKET_SUBJECT_MAX = 200;
export const TICKET_BODY_MAX = 20_000;

const subject = z.string().trim().min(3, "errors.subjectTooShort").max(TICKET_SUBJECT_MAX, "errors.subjectTooLong");
const body = z.string().trim().min(1, "errors.messageRequired").max(TICKET_BODY_MAX, "errors.messageTooLong");
const uuid = z.uuid("errors.invalidChoice");

/** "service:<uuid>" or "domain:<uuid>" or "" (nothing related) — one select on the form. */
export const relatedToSchema = z
  .string()
  .regex(/^((service|domain):[0-9a-f-]{36})?$/i, "errors.invalidChoice");

export const newTicketSchema = z.object({
  departmentId: uuid,
  priority: z.enum(TICKET_PRIORITIES, "errors.invalidChoice"),
  relatedTo: relatedToSchema,
  subject,
  body,
});
export type NewTicketInput = z.infer<typeof newTicketSchema>;

export const ticketReplySchema = z.object({ number: ticketNumberSchema, body });
export type TicketReplyInput = z.infer<typeof ticketReplySchema>;

export const ticketNumberInputSchema = z.object({ number: ticketNumberSchema });

export const rateTicketSchema = z.object({
  number: ticketNumberSchema,
  rating: z.coerce.number().int().min(1, "errors.ratingRequired").max(5, "errors.ratingRequired"),
  comment: z.string().trim().max(2000, "errors.commentTooLong").default(""),
});
export type RateTicketInput = z.infer<typeof rateTicketSchema>;

/** Staff answer or internal note; the status the ticket takes after a public reply. */
export const STAFF_REPLY_STATUSES = ["answered", "in_progress", "on_hold", "closed"] as const;
export const staffReplySchema = z.object({
  number: ticketNumberSchema,
  body,
  internal: z.union([z.boolean(), z.enum(["on", "off", "true", "false"]).transform((v) => v === "on" || v === "true")]).default(false),
  status: z.enum(STAFF_REPLY_STATUSES, "errors.invalidChoice").default("answered"),
});
export type StaffReplyInput = z.infer<typeof staffReplySchema>;

const optionalUuid = z.union([z.literal(""), z.uuid("errors.invalidChoice")]).transform((v) => v || null);

export const updateTicketSchema = z.object({
  number: ticketNumberSchema,
  departmentId: uuid,
  priority: z.enum(TICKET_PRIORITIES, "errors.invalidChoice"),
  status: z.enum(TICKET_STATUSES, "errors.invalidChoice"),
  assigneeId: optionalUuid,
  serviceId: optionalUuid,
});
export type UpdateTicketInput = z.input<typeof updateTicketSchema>;

/** Staff queue `/admin/tickets?…`. */
export const QUEUE_SLA_FILTERS = ["any", "breached", "due_soon"] as const;
export const staffQueueParamsSchema = z.object({
  department: z.string().max(64).catch("").default(""),
  status: z.enum(["active", ...TICKET_STATUSES, "all"]).catch("active"),
  priority: z.enum(["any", ...TICKET_PRIORITIES]).catch("any"),
  assignee: z.union([z.enum(["any", "mine", "none"]), z.uuid()]).catch("any"),
  sla: z.enum(QUEUE_SLA_FILTERS).catch("any"),
  q: z.string().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type StaffQueueParams = z.infer<typeof staffQueueParamsSchema>;

export const supportPinCheckSchema = z.object({
  customerId: uuid,
  pin: z.string().trim().regex(/^\d{6}$/, "errors.pinFormat"),
});
