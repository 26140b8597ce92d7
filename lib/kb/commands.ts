import "server-only";
import type { Actor } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { type ActionResult, fail } from "@/lib/actions/result";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertKbEditor } from "./queries";
import type { KbArticleInput, KbCategoryInput } from "./schemas";

/** A refusal the form shows next to a field (or above the form); `key` is under the "kb" namespace. */
export class KbError extends Error {
  constructor(
    readonly key: string,
    readonly field?: string,
  ) {
    super(key);
    this.name = "KbError";
  }
}

/**
 * For server actions (the staff forms of kb, announcements and network): a KbError becomes the
 * form's error, next to its field when it names one; anything else goes on to the central handler.
 */
export function catchKbError<A, I, T>(run: (actor: A, input: I) => Promise<ActionResult<T>>) {
  return async (actor: A, input: I): Promise<ActionResult<T>> => {
    try {
      return await run(actor, input);
    } catch (error) {
      if (error instanceof KbError) return fail(error.key, error.field ? { [error.field]: error.key } : undefined);
      throw error;
    }
  };
}

/** Where a staff change came from, for the audit log. */
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// ───────────── Votes ─────────────

/**
 * "Was this helpful?": one vote per user and article version. A second vote with the other answer
 * moves the vote; the same answer again changes nothing. Counters change in the same transaction
 * as the vote row, and concurrent votes of one user cannot count twice: the insert is
 * ON CONFLICT DO NOTHING (it waits for a concurrent insert of the same key) and the change of an
 * existing vote is a conditional UPDATE that only one of two racing calls can win.
 */
export async function voteOnArticle(actor: Actor, articleId: string, helpful: boolean): Promise<{ helpfulYes: number; helpfulNo: number; myVote: boolean }> {
  if (actor.kind === "staff") throw new KbError("errors.staffCannotVote");
  return db.$transaction(async (tx) => {
    const article = await tx.kbArticle.findFirst({ where: { id: articleId, status: "published" }, select: { id: true } });
    if (!article) throw new KbError("errors.notFound");
    const inserted = await tx.kbVote.createMany({ data: [{ articleId, userId: actor.userId, helpful }], skipDuplicates: true });
    let counters: Prisma.KbArticleUpdateInput | null = null;
    if (inserted.count === 1) {
      counters = helpful ? { helpfulYes: { increment: 1 } } : { helpfulNo: { increment: 1 } };
    } else {
      const changed = await tx.kbVote.updateMany({ where: { articleId, userId: actor.userId, helpful: !helpful }, data: { helpful, createdAt: new Date() } });
      if (changed.count === 1) {
        counters = helpful ? { helpfulYes: { increment: 1 }, helpfulNo: { decrement: 1 } } : { helpfulNo: { increment: 1 }, helpfulYes: { decrement: 1 } };
      }
    }
    const select = { helpfulYes: true, helpfulNo: true } as const;
    const result = counters
      ? await tx.kbArticle.update({ where: { id: articleId }, data: counters, select })
      : await tx.kbArticle.findUniqueOrThrow({ where: { id: articleId }, select });
    return { ...result, myVote: helpful };
  });
}

// ───────────── Categories (staff) ─────────────

function categoryNames(input: KbCategoryInput): Prisma.InputJsonObject {
  const names: Record<string, string> = { en: input.nameEn };
  if (input.nameVi) names.vi = input.nameVi;
  if (input.nameSk) names.sk = input.nameSk;
  if (input.nameHu) names.hu = input.nameHu;
  return names;
}

/** Creates a category, or updates it when `input.id` is set. */
export async function saveCategory(actor: Actor, input: KbCategoryInput, meta: RequestMeta = {}): Promise<{ id: string }> {
  assertKbEditor(actor);
  const data = { slug: input.slug, name: categoryNames(input), isFaq: input.isFaq, position: Number(input.position) };
  try {
    return await db.$transaction(async (tx) => {
      let id: string;
      if (input.id) {
        const existing = await tx.kbCategory.findUnique({ where: { id: input.id }, select: { id: true } });
        if (!existing) throw new KbError("errors.notFound");
        id = (await tx.kbCategory.update({ where: { id: input.id }, data, select: { id: true } })).id;
      } else {
        id = (await tx.kbCategory.create({ data, select: { id: true } })).id;
      }
      await recordAuditEvent(
        { action: input.id ? "kb.category.updated" : "kb.category.created", actorUserId: actor.userId, targetType: "kb_category", targetId: id, data: { slug: data.slug }, ...meta },
        tx,
      );
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new KbError("errors.slugTaken", "slug");
    throw error;
  }
}

/** Deletes an empty category; one that still holds articles is refused (deleting would take them along). */
export async function deleteCategory(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  assertKbEditor(actor);
  await db.$transaction(async (tx) => {
    const category = await tx.kbCategory.findUnique({ where: { id }, select: { id: true, slug: true, _count: { select: { articles: true } } } });
    if (!category) throw new KbError("errors.notFound");
    if (category._count.articles > 0) throw new KbError("errors.categoryNotEmpty");
    await tx.kbCategory.delete({ where: { id } });
    await recordAuditEvent({ action: "kb.category.deleted", actorUserId: actor.userId, targetType: "kb_category", targetId: id, data: { slug: category.slug }, ...meta }, tx);
  });
}

// ───────────── Articles (staff) ─────────────

/**
 * Creates an article version, or updates one when `input.id` is set. A version's slug and language
 * are fixed once created (links and translations hang on them). The category belongs to the slug:
 * saving one version moves its translations along, so a category never lists half an article.
 */
export async function saveArticle(actor: Actor, input: KbArticleInput, meta: RequestMeta = {}): Promise<{ id: string; slug: string }> {
  assertKbEditor(actor);
  try {
    return await db.$transaction(async (tx) => {
      const category = await tx.kbCategory.findUnique({ where: { id: input.categoryId }, select: { id: true } });
      if (!category) throw new KbError("errors.categoryRequired", "categoryId");
      const now = new Date();
      let article: { id: string; slug: string; locale: string };
      let wasPublished = false;
      if (input.id) {
        const existing = await tx.kbArticle.findUnique({ where: { id: input.id }, select: { id: true, status: true, publishedAt: true } });
        if (!existing) throw new KbError("errors.notFound");
        wasPublished = existing.status === "published";
        article = await tx.kbArticle.update({
          where: { id: input.id },
          data: {
            categoryId: input.categoryId,
            title: input.title,
            body: input.body,
            status: input.status,
            publishedAt: input.status === "published" ? (existing.publishedAt ?? now) : existing.publishedAt,
          },
          select: { id: true, slug: true, locale: true },
        });
      } else {
        article = await tx.kbArticle.create({
          data: {
            categoryId: input.categoryId,
            slug: input.slug,
            locale: input.locale,
            title: input.title,
            body: input.body,
            status: input.status,
            publishedAt: input.status === "published" ? now : null,
          },
          select: { id: true, slug: true, locale: true },
        });
      }
      await tx.kbArticle.updateMany({ where: { slug: article.slug, categoryId: { not: input.categoryId } }, data: { categoryId: input.categoryId } });

      const audit = { actorUserId: actor.userId, targetType: "kb_article", targetId: article.id, data: { slug: article.slug, locale: article.locale }, ...meta };
      await recordAuditEvent({ action: input.id ? "kb.article.updated" : "kb.article.created", ...audit }, tx);
      const isPublished = input.status === "published";
      if (isPublished !== wasPublished && (input.id || isPublished)) {
        await recordAuditEvent({ action: isPublished ? "kb.article.published" : "kb.article.unpublished", ...audit }, tx);
      }
      return { id: article.id, slug: article.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new KbError("errors.translationExists", "locale");
    throw error;
  }
}

/** Deletes one language version of an article (its votes go with it). */
export async function deleteArticle(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  assertKbEditor(actor);
  await db.$transaction(async (tx) => {
    const article = await tx.kbArticle.findUnique({ where: { id }, select: { id: true, slug: true, locale: true } });
    if (!article) throw new KbError("errors.notFound");
    await tx.kbArticle.delete({ where: { id } });
    await recordAuditEvent(
      { action: "kb.article.deleted", actorUserId: actor.userId, targetType: "kb_article", targetId: id, data: { slug: article.slug, locale: article.locale }, ...meta },
      tx,
    );
  });
}
