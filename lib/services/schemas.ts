import { z } from "zod";
import { ServiceStatus } from "@/lib/generated/prisma/enums";

/** `/services?status=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const serviceListParamsSchema = z.object({
  status: z.enum(ServiceStatus).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ServiceListParams = z.infer<typeof serviceListParamsSchema>;

export const serviceIdSchema = z.guid();

/** The service page's buttons (control-panel login, show password, reset password): only the service's id. */
export const serviceActionSchema = z.object({ serviceId: z.guid({ message: "errors.notFound" }) });
export type ServiceActionInput = z.infer<typeof serviceActionSchema>;
