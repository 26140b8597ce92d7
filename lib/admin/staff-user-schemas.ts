// Staff users and roles forms (/admin/settings/staff), shared by the browser and the server.
// Messages are keys of "staffUsers".
import { z } from "zod";
import { STAFF_PERMISSIONS } from "@/lib/auth/permissions";

export const createStaffUserSchema = z.object({
  name: z.string().trim().min(1, "errors.nameRequired").max(120, "errors.nameTooLong"),
  email: z.string().trim().toLowerCase().max(254, "errors.emailInvalid").pipe(z.email({ message: "errors.emailInvalid" })),
  roleId: z.guid({ message: "errors.roleRequired" }),
});
export type CreateStaffUserInput = z.input<typeof createStaffUserSchema>;

export const changeStaffRoleSchema = z.object({ userId: z.guid({ message: "errors.notFound" }), roleId: z.guid({ message: "errors.roleRequired" }) });
export type ChangeStaffRoleInput = z.input<typeof changeStaffRoleSchema>;

export const setStaffDisabledSchema = z.object({ userId: z.guid({ message: "errors.notFound" }), disabled: z.boolean() });
export type SetStaffDisabledInput = z.input<typeof setStaffDisabledSchema>;

export const updateRoleSchema = z.object({
  roleId: z.guid({ message: "errors.notFound" }),
  name: z.string().trim().min(1, "errors.nameRequired").max(80, "errors.nameTooLong"),
  permissions: z.array(z.enum(STAFF_PERMISSIONS, { message: "errors.permissionInvalid" })).max(STAFF_PERMISSIONS.length),
});
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;
