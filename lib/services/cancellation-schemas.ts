// Cancellation forms, shared by react-hook-form on the client and the server actions. Messages are
// keys of the "serviceChanges" namespace.
import { z } from "zod";

export const CANCELLATION_TIMINGS = ["immediate", "end_of_period"] as const;
export type CancellationTimingName = (typeof CANCELLATION_TIMINGS)[number];
export const CANCELLATION_STATUSES = ["requested", "processed", "rejected", "withdrawn"] as const;
export type CancellationStatusName = (typeof CANCELLATION_STATUSES)[number];

export const CANCELLATION_REASON_MIN = 10;
export const CANCELLATION_REASON_MAX = 2_000;
export const CANCELLATION_NOTE_MAX = 2_000;

export const requestCancellationSchema = z.object({
  serviceId: z.guid({ message: "cancel.errors.notFound" }),
  timing: z.enum(CANCELLATION_TIMINGS, { message: "cancel.errors.timing" }),
  reason: z
    .string()
    .trim()
    .min(CANCELLATION_REASON_MIN, { message: "cancel.errors.reasonShort" })
    .max(CANCELLATION_REASON_MAX, { message: "cancel.errors.reasonLong" }),
});
export type RequestCancellationInput = z.infer<typeof requestCancellationSchema>;

export const cancellationIdSchema = z.object({ requestId: z.guid({ message: "cancel.errors.notFound" }) });
export type CancellationIdInput = z.infer<typeof cancellationIdSchema>;

/** Staff decide; a rejection says why (the customer is told), an approval may add a note. */
export const processCancellationSchema = z
  .object({
    requestId: z.guid({ message: "staff.errors.notFound" }),
    decision: z.enum(["approve", "reject"], { message: "staff.errors.decision" }),
    note: z.string().trim().max(CANCELLATION_NOTE_MAX, { message: "staff.errors.noteLong" }),
  })
  .refine((v) => v.decision === "approve" || v.note.length > 0, { path: ["note"], message: "staff.errors.noteRequired" });
export type ProcessCancellationInput = z.infer<typeof processCancellationSchema>;

/** `/admin/services/cancellations?status=…&page=…`; anything unexpected falls back to the default. */
export const cancellationListParamsSchema = z.object({
  status: z.enum([...CANCELLATION_STATUSES, "any"]).catch("requested"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type CancellationListParams = z.infer<typeof cancellationListParamsSchema>;
