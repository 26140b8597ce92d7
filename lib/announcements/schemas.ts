// One schema per form, shared by react-hook-form on the client and the server action.
// Messages are keys under the "kb" namespace (messages/<locale>/kb.json).
import { z } from "zod";
import { LOCALES } from "@/i18n/locales";

export const ANNOUNCEMENT_TITLE_MAX = 200;
export const ANNOUNCEMENT_BODY_MAX = 20_000;

/** "" (the form's "every language") is stored as null: shown to everyone. */
export const ANNOUNCEMENT_AUDIENCES = ["", ...LOCALES] as const;

export const announcementSchema = z.object({
  id: z.guid().optional(),
  locale: z.enum(ANNOUNCEMENT_AUDIENCES, "errors.invalidChoice"),
  title: z.string().trim().min(3, "errors.titleTooShort").max(ANNOUNCEMENT_TITLE_MAX, "errors.titleTooLong"),
  body: z.string().trim().min(1, "errors.bodyRequired").max(ANNOUNCEMENT_BODY_MAX, "errors.bodyTooLong"),
  published: z.boolean(),
});
export type AnnouncementInput = z.infer<typeof announcementSchema>;

export const announcementIdSchema = z.object({ id: z.guid("errors.notFound") });

/** `?page=…`; anything unexpected is page 1. */
export const announcementListParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
