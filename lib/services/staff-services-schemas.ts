// Schemas of the staff side of services (/admin/services): the list's URL parameters and the
// module-action forms, shared by the client forms and the server actions. Messages are keys of the
// "staffServices" namespace.
import { z } from "zod";
import { ServiceKind, ServiceStatus } from "@/lib/generated/prisma/enums";

export const STAFF_SERVICES_PAGE_SIZE = 25;

export const SERVICE_STATUS_FILTERS = ["any", ...Object.values(ServiceStatus)] as const;
export const SERVICE_KIND_FILTERS = ["any", ...Object.values(ServiceKind)] as const;
/** "inProgress" is any of queued, running and retrying: a module call that has not ended yet. */
export const PROVISIONING_FILTERS = ["any", "inProgress", "failed", "queued", "running", "retrying", "done", "none"] as const;
export type ProvisioningFilter = (typeof PROVISIONING_FILTERS)[number];
export const STAFF_SERVICE_SORTS = ["newest", "oldest", "name", "dueAsc", "dueDesc"] as const;
export type StaffServiceSort = (typeof STAFF_SERVICE_SORTS)[number];

const optionalId = z.union([z.guid(), z.literal("")]);

/** `/admin/services?…`: anything unexpected falls back to its default instead of failing. */
export const staffServiceListParamsSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  status: z.enum(SERVICE_STATUS_FILTERS).catch("any"),
  kind: z.enum(SERVICE_KIND_FILTERS).catch("any"),
  product: optionalId.catch(""),
  server: optionalId.catch(""),
  provisioning: z.enum(PROVISIONING_FILTERS).catch("any"),
  customer: optionalId.catch(""),
  sort: z.enum(STAFF_SERVICE_SORTS).catch("newest"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type StaffServiceListParams = z.infer<typeof staffServiceListParamsSchema>;

/** The module calls staff start from a service page (a password reset is the customer's, with its one-time display). */
export const STAFF_MODULE_OPERATIONS = ["create", "suspend", "unsuspend", "terminate", "change_package"] as const;
export type StaffModuleOperation = (typeof STAFF_MODULE_OPERATIONS)[number];

export const SUSPEND_REASON_MAX = 200;
export const JOB_NOTE_MAX = 500;

/**
 * One module action on one service. A suspension needs a reason (it is stored with the service and
 * shown to staff; a staff suspension is never lifted by a payment); a package change needs the
 * product to move to.
 */
export const moduleActionSchema = z
  .object({
    serviceId: z.guid("errors.invalidForm"),
    operation: z.enum(STAFF_MODULE_OPERATIONS, "errors.invalidForm"),
    productId: optionalId.optional(),
    reason: z.string().trim().max(SUSPEND_REASON_MAX, "errors.reasonTooLong").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.operation === "suspend" && (value.reason ?? "").length < 3) ctx.addIssue({ code: "custom", path: ["reason"], message: "errors.reasonRequired" });
    if (value.operation === "change_package" && !value.productId) ctx.addIssue({ code: "custom", path: ["productId"], message: "errors.productRequired" });
  });
export type ModuleActionInput = z.input<typeof moduleActionSchema>;

export const jobIdInputSchema = z.object({ jobId: z.guid("errors.invalidForm") });
export type JobIdInput = z.infer<typeof jobIdInputSchema>;

export const markJobDoneSchema = z.object({
  jobId: z.guid("errors.invalidForm"),
  note: z.string().trim().max(JOB_NOTE_MAX, "errors.noteTooLong").optional(),
});
export type MarkJobDoneInput = z.input<typeof markJobDoneSchema>;
