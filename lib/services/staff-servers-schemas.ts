// The server form of /admin/settings/servers, shared by the client form and the server action.
// Messages are keys of the "staffServices" namespace.
import { z } from "zod";

/** Provisioning modules Portico has; "builtin" is the simulated control panel. */
export const SERVER_MODULES = ["builtin"] as const;
export type ServerModule = (typeof SERVER_MODULES)[number];

export const SERVER_NAME_MAX = 100;
export const SERVER_LOCATION_MAX = 100;
const HOSTNAME_MAX = 253;

/** Dot-separated labels of letters, digits and inner hyphens (RFC 1123), at least two of them, no trailing dot. */
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Whether `value` is a fully qualified host name such as "web-01.example.net". */
export function isHostname(value: string): boolean {
  return HOSTNAME.test(value) && !/^[0-9.]+$/.test(value);
}

export const serverFieldsSchema = z.object({
  name: z.string().trim().min(1, "servers.errors.nameRequired").max(SERVER_NAME_MAX, "servers.errors.nameTooLong"),
  hostname: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "servers.errors.hostnameRequired")
    .max(HOSTNAME_MAX, "servers.errors.hostnameInvalid")
    .refine(isHostname, "servers.errors.hostnameInvalid"),
  location: z.string().trim().max(SERVER_LOCATION_MAX, "servers.errors.locationTooLong"),
  module: z.enum(SERVER_MODULES, "servers.errors.moduleInvalid"),
});

export const createServerSchema = serverFieldsSchema;
export type CreateServerInput = z.input<typeof createServerSchema>;

export const updateServerSchema = serverFieldsSchema.extend({ id: z.guid("errors.invalidForm") });
export type UpdateServerInput = z.input<typeof updateServerSchema>;

export const serverIdInputSchema = z.object({ id: z.guid("errors.invalidForm") });
