import { z } from "zod";
import { ServiceStatus } from "@/lib/generated/prisma/enums";

/** `/services?status=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const serviceListParamsSchema = z.object({
  status: z.enum(ServiceStatus).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ServiceListParams = z.infer<typeof serviceListParamsSchema>;

export const serviceIdSchema = z.guid();
