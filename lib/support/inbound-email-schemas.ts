// Forms of the staff inbox of held mail, shared by react-hook-form on the client and the server
// actions. Messages are keys under the "inbound" namespace (messages/<locale>/inbound.json).
import { z } from "zod";

export const acceptHeldEmailSchema = z.object({
  inboundEmailId: z.uuid("errors.notFound"),
  contractNumber: z.string().trim().min(1, "errors.contractRequired").max(64, "errors.customerNotFound"),
  departmentId: z.uuid("errors.departmentRequired"),
});
export type AcceptHeldEmailFormInput = z.infer<typeof acceptHeldEmailSchema>;

export const rejectHeldEmailSchema = z.object({ inboundEmailId: z.uuid("errors.notFound") });
