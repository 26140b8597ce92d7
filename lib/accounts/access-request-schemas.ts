// The forms of /request-access (public) and of staff's decision at /admin/customers/access-requests.
// Messages are keys of the "accessRequests" namespace.
import { z } from "zod";

export const ACCESS_REQUEST_MESSAGE_MAX = 2000;

export const requestAccessSchema = z.object({
  contractNumber: z.string().trim().toUpperCase().min(1, "errors.contractRequired").max(40, "errors.contractInvalid"),
  email: z.string().trim().toLowerCase().min(1, "errors.emailRequired").max(320, "errors.emailInvalid").email("errors.emailInvalid"),
  name: z.string().trim().min(1, "errors.nameRequired").max(200, "errors.nameTooLong"),
  message: z.string().trim().max(ACCESS_REQUEST_MESSAGE_MAX, "errors.messageTooLong").default(""),
});
export type RequestAccessInput = z.input<typeof requestAccessSchema>;

/** The presets staff may grant when approving (the owner preset is not handed out by staff). */
export const APPROVAL_PRESETS = ["billing", "technical"] as const;

export const decideAccessRequestSchema = z.discriminatedUnion("decision", [
  z.object({ requestId: z.guid({ message: "errors.notFound" }), decision: z.literal("approve"), preset: z.enum(APPROVAL_PRESETS) }),
  z.object({ requestId: z.guid({ message: "errors.notFound" }), decision: z.literal("reject") }),
]);
export type DecideAccessRequestInput = z.infer<typeof decideAccessRequestSchema>;

export const ACCESS_REQUEST_FILTERS = ["pending", "invited", "approved", "rejected", "any"] as const;
export const accessRequestListSchema = z.object({
  status: z.enum(ACCESS_REQUEST_FILTERS).catch("pending").default("pending"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
