// One schema per form of /account/contacts and /invite/[token], shared by react-hook-form on the
// client and the server actions. Messages are keys of the "accountContacts" namespace.
import { z } from "zod";
import { CUSTOMER_PERMISSIONS, type CustomerPermission, PRESETS } from "@/lib/auth/permissions";

/** What an owner picks when inviting or editing a contact: a named preset or a custom set. */
export const CONTACT_PRESETS = ["billing", "technical", "custom"] as const;
export type ContactPreset = (typeof CONTACT_PRESETS)[number];

// Same limits as the sign-in form and lib/auth/password.ts; the common-password check runs on the
// server (it reads the list from disk) and comes back as a field error.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;
export const CONTACT_NAME_MAX = 200;

const email = z.string().trim().toLowerCase().min(1, "errors.emailRequired").max(320, "errors.emailInvalid").email("errors.emailInvalid");
const id = z.guid({ message: "errors.notFound" });
const permissionList = z.array(z.enum(CUSTOMER_PERMISSIONS)).max(CUSTOMER_PERMISSIONS.length).default([]);

const customNeedsOne = (v: { preset: ContactPreset; permissions: readonly string[] }) => v.preset !== "custom" || v.permissions.length > 0;
const customNeedsOneIssue = { path: ["permissions"], message: "errors.permissionsRequired" };

export const inviteContactSchema = z
  .object({
    email,
    name: z.string().trim().max(CONTACT_NAME_MAX, "errors.nameTooLong").default(""),
    preset: z.enum(CONTACT_PRESETS),
    permissions: permissionList,
  })
  .refine(customNeedsOne, customNeedsOneIssue);
export type InviteContactInput = z.input<typeof inviteContactSchema>;

export const updateContactPermissionsSchema = z
  .object({ membershipId: id, preset: z.enum(CONTACT_PRESETS), permissions: permissionList })
  .refine(customNeedsOne, customNeedsOneIssue);
export type UpdateContactPermissionsInput = z.input<typeof updateContactPermissionsSchema>;

export const membershipIdSchema = z.object({ membershipId: id });
export const invitationIdSchema = z.object({ invitationId: id });

export const transferOwnershipSchema = z.object({ membershipId: id, password: z.string().min(1, "errors.passwordRequired").max(PASSWORD_MAX, "errors.passwordRequired") });
export type TransferOwnershipInput = z.infer<typeof transferOwnershipSchema>;

const token = z.string().trim().min(1).max(200);

/** /invite/[token] for someone without a login: their name and a new password (typed twice). */
export const acceptAsNewUserSchema = z
  .object({
    token,
    name: z.string().trim().min(1, "errors.nameRequired").max(CONTACT_NAME_MAX, "errors.nameTooLong"),
    password: z.string().min(PASSWORD_MIN, "errors.passwordTooShort").max(PASSWORD_MAX, "errors.passwordTooLong"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });
export type AcceptAsNewUserInput = z.infer<typeof acceptAsNewUserSchema>;

/** /invite/[token] for someone who already has a login with the invited address: their password. */
export const acceptAsExistingUserSchema = z.object({ token, password: z.string().min(1, "errors.passwordRequired").max(PASSWORD_MAX, "errors.passwordRequired") });
export type AcceptAsExistingUserInput = z.infer<typeof acceptAsExistingUserSchema>;

/** The permissions a form's choice stands for, in the canonical order of CUSTOMER_PERMISSIONS. */
export function permissionsOf(input: { preset: ContactPreset; permissions?: readonly string[] }): CustomerPermission[] {
  const chosen = new Set<string>(input.preset === "custom" ? (input.permissions ?? []) : PRESETS[input.preset]);
  return CUSTOMER_PERMISSIONS.filter((p) => chosen.has(p));
}

/** Permissions grouped by area for the checkboxes (labels: accountContacts "permissions.<area>.<verb>"). */
export const PERMISSION_GROUPS: readonly (readonly CustomerPermission[])[] = [
  ["billing.view", "billing.pay", "orders.place"],
  ["services.view", "services.manage", "usage.voip", "usage.traffic"],
  ["domains.view", "domains.manage", "dns.manage"],
  ["tickets.view", "tickets.create"],
  ["contacts.manage", "account.manage"],
];
