// One schema per form, shared by react-hook-form on the client and the server action.
// Messages are keys under the "kb" namespace (messages/<locale>/kb.json).
import { z } from "zod";
import { LOCALES } from "@/i18n/locales";

export const KB_TITLE_MAX = 200;
export const KB_BODY_MAX = 50_000;
export const KB_SEARCH_MAX = 200;

/** Lower-case words joined by hyphens; shared by an article's translations, part of its URL. */
export const kbSlugSchema = z
  .string()
  .trim()
  .min(3, "errors.slugInvalid")
  .max(100, "errors.slugInvalid")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "errors.slugInvalid");

/** `/support/kb?q=…&category=…&page=…`; anything unexpected falls back to the default instead of failing. */
export const kbListParamsSchema = z.object({
  q: z.string().trim().max(KB_SEARCH_MAX).catch("").default(""),
  category: kbSlugSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type KbListParams = z.infer<typeof kbListParamsSchema>;

export const kbVoteSchema = z.object({
  articleId: z.guid("errors.notFound"),
  helpful: z.boolean(),
});
export type KbVoteInput = z.infer<typeof kbVoteSchema>;

/** What a customer typed as a ticket subject; longer text is cut, not refused (it is only a hint). */
export const kbSuggestSchema = z.string().transform((s) => s.trim().slice(0, KB_SEARCH_MAX));

const optionalName = z.string().trim().max(100, "errors.nameTooLong");

export const kbCategorySchema = z.object({
  id: z.guid().optional(),
  slug: kbSlugSchema,
  nameEn: z.string().trim().min(1, "errors.nameRequired").max(100, "errors.nameTooLong"),
  nameVi: optionalName,
  nameSk: optionalName,
  nameHu: optionalName,
  isFaq: z.boolean(),
  position: z.string().trim().regex(/^\d{1,4}$/, "errors.positionInvalid"),
});
export type KbCategoryInput = z.infer<typeof kbCategorySchema>;

export const KB_STATUSES = ["draft", "published"] as const;

export const kbArticleSchema = z.object({
  id: z.guid().optional(),
  categoryId: z.guid("errors.categoryRequired"),
  slug: kbSlugSchema,
  locale: z.enum(LOCALES, "errors.invalidChoice"),
  title: z.string().trim().min(3, "errors.titleTooShort").max(KB_TITLE_MAX, "errors.titleTooLong"),
  body: z.string().trim().min(1, "errors.bodyRequired").max(KB_BODY_MAX, "errors.bodyTooLong"),
  status: z.enum(KB_STATUSES, "errors.invalidChoice"),
});
export type KbArticleInput = z.infer<typeof kbArticleSchema>;

export const kbIdSchema = z.object({ id: z.guid("errors.notFound") });

/** `/admin/kb?locale=…&page=…`. */
export const kbAdminListParamsSchema = z.object({
  locale: z.enum(LOCALES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
