import "server-only";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PublishStatus } from "@/lib/generated/prisma/client";
import { type AppLocale, DEFAULT_LOCALE, LOCALES, isLocale } from "@/i18n/locales";
import { kbSlugSchema } from "./schemas";

// The knowledge base as customers and staff read it. Any signed-in customer contact may read
// published articles (no special permission); drafts are visible to staff with `staff.tickets` only.
// Every article exists once per language under one slug; a reader gets their language, else English.

export const KB_PAGE_SIZE = 20;
export const KB_SUGGESTION_LIMIT = 5;

export type KbLocalisedName = Partial<Record<AppLocale, string>>;

/** The reader's content language: a supported locale, or English. */
export function kbLocale(locale: string | null | undefined): AppLocale {
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** A category's name in `locale`, else English, else any name it has. */
export function categoryName(name: Prisma.JsonValue, locale: string): string {
  const names = (name && typeof name === "object" && !Array.isArray(name) ? name : {}) as Record<string, unknown>;
  const pick = (l: string) => (typeof names[l] === "string" && (names[l] as string).trim() ? (names[l] as string) : null);
  return pick(locale) ?? pick(DEFAULT_LOCALE) ?? LOCALES.map(pick).find(Boolean) ?? "";
}

/** Who may read published articles: every signed-in actor (a customer contact of any preset, or staff). */
function assertKbReader(actor: Actor): void {
  if (actor.kind === "staff") assertCan(actor, "staff.access");
}

/** Staff who write the knowledge base and announcements. Customers never hold staff permissions. */
export function assertKbEditor(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.tickets");
  assertCan(actor, "staff.tickets");
}

export type KbCategorySummary = { id: string; slug: string; name: string; isFaq: boolean; articleCount: number };

/** Categories in their order, with the number of articles a reader of `locale` sees in each. */
export async function listCategories(actor: Actor, locale: string): Promise<KbCategorySummary[]> {
  assertKbReader(actor);
  const lang = kbLocale(locale);
  const [categories, counts] = await Promise.all([
    db.kbCategory.findMany({ orderBy: [{ position: "asc" }, { slug: "asc" }], select: { id: true, slug: true, name: true, isFaq: true } }),
    // Distinct slugs: an article translated into the reader's language is counted once.
    db.$queryRaw<{ categoryId: string; n: number }[]>`
      SELECT "categoryId"::text AS "categoryId", count(DISTINCT slug)::int AS n
      FROM "KbArticle"
      WHERE status = 'published' AND locale IN (${lang}, 'en')
      GROUP BY "categoryId"`,
  ]);
  const byCategory = new Map(counts.map((c) => [c.categoryId, c.n]));
  return categories.map((c) => ({ id: c.id, slug: c.slug, name: categoryName(c.name, lang), isFaq: c.isFaq, articleCount: byCategory.get(c.id) ?? 0 }));
}

export type KbArticleListItem = {
  id: string;
  slug: string;
  locale: string;
  title: string;
  /** True when the article is shown in English because the reader's language has no version. */
  fallback: boolean;
  /** Only with `withBody` (the FAQ shows answers inline). */
  body?: string;
};

type ArticleRow = { id: string; slug: string; locale: string; title: string; body: string | null; total: number };

/**
 * The published articles of a category for a reader of `locale` (their language, else English),
 * by title. Null when the category does not exist.
 */
export async function listArticles(
  actor: Actor,
  categorySlug: string,
  locale: string,
  opts: { page?: number; pageSize?: number; withBody?: boolean } = {},
): Promise<{ category: Omit<KbCategorySummary, "articleCount">; items: KbArticleListItem[]; total: number; page: number; pageSize: number } | null> {
  assertKbReader(actor);
  if (!kbSlugSchema.safeParse(categorySlug).success) return null;
  const lang = kbLocale(locale);
  const category = await db.kbCategory.findUnique({ where: { slug: categorySlug }, select: { id: true, slug: true, name: true, isFaq: true } });
  if (!category) return null;
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = opts.pageSize ?? KB_PAGE_SIZE;
  const rows = await db.$queryRaw<ArticleRow[]>`
    SELECT id::text, slug, locale, title, ${opts.withBody ? Prisma.sql`body` : Prisma.sql`NULL::text`} AS body, count(*) OVER ()::int AS total
    FROM (
      SELECT DISTINCT ON (slug) id, slug, locale, title, body
      FROM "KbArticle"
      WHERE "categoryId" = ${category.id}::uuid AND status = 'published' AND locale IN (${lang}, 'en')
      ORDER BY slug, (locale = ${lang}) DESC
    ) shown
    ORDER BY lower(title), slug
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  return {
    category: { id: category.id, slug: category.slug, name: categoryName(category.name, lang), isFaq: category.isFaq },
    items: rows.map((r) => ({ id: r.id, slug: r.slug, locale: r.locale, title: r.title, fallback: r.locale !== lang, ...(opts.withBody ? { body: r.body ?? "" } : {}) })),
    total: rows[0]?.total ?? (page === 1 ? 0 : await countCategoryArticles(category.id, lang)),
    page,
    pageSize,
  };
}

async function countCategoryArticles(categoryId: string, lang: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT slug)::int AS n FROM "KbArticle" WHERE "categoryId" = ${categoryId}::uuid AND status = 'published' AND locale IN (${lang}, 'en')`;
  return row?.n ?? 0;
}

export type KbArticleView = {
  id: string;
  slug: string;
  locale: string;
  title: string;
  body: string;
  publishedAt: Date | null;
  updatedAt: Date;
  fallback: boolean;
  category: { slug: string; name: string; isFaq: boolean };
  helpfulYes: number;
  helpfulNo: number;
  /** The reader's vote on this version: true (helpful), false, or null (none yet). */
  myVote: boolean | null;
};

/**
 * A published article in the reader's language, else in English. Null (the page answers 404) for
 * a draft, an unknown slug, or a slug with neither version published.
 */
export async function getArticle(actor: Actor, slug: string, locale: string): Promise<KbArticleView | null> {
  assertKbReader(actor);
  if (!kbSlugSchema.safeParse(slug).success) return null;
  const lang = kbLocale(locale);
  const versions = await db.kbArticle.findMany({
    where: { slug, status: "published", locale: { in: [...new Set([lang, DEFAULT_LOCALE])] } },
    select: {
      id: true,
      slug: true,
      locale: true,
      title: true,
      body: true,
      publishedAt: true,
      updatedAt: true,
      helpfulYes: true,
      helpfulNo: true,
      category: { select: { slug: true, name: true, isFaq: true } },
      votes: { where: { userId: actor.userId }, select: { helpful: true } },
    },
  });
  const article = versions.find((v) => v.locale === lang) ?? versions.find((v) => v.locale === DEFAULT_LOCALE);
  if (!article) return null;
  const { category, votes, ...rest } = article;
  return {
    ...rest,
    fallback: article.locale !== lang,
    category: { slug: category.slug, name: categoryName(category.name, lang), isFaq: category.isFaq },
    myVote: votes[0]?.helpful ?? null,
  };
}

export type KbSnippetPart = { text: string; hit: boolean };
export type KbSearchHit = { id: string; slug: string; locale: string; title: string; fallback: boolean; snippet: KbSnippetPart[] };

// ts_headline marks matches with these; the page renders the parts as text (never as HTML), so a
// "<script>" in an article body stays text.
const HIT_START = "\u27E6";
const HIT_END = "\u27E7";
// Markdown punctuation and link targets, left out of snippets (which are plain text). Underscores
// and tildes stay: they are part of DNS names and SPF records (_dmarc, ~all).
const MARKDOWN_NOISE = "[#*`>|\\[\\]]+|\\(https?://[^)]*\\)";
const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=28, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** Splits a ts_headline result into plain-text parts, marking the matched words. */
export function splitHighlights(headline: string): KbSnippetPart[] {
  // split() with a capture group alternates: text, hit, text, hit, …
  return headline
    .split(new RegExp(`${HIT_START}([^${HIT_END}]*)${HIT_END}`, "u"))
    .map((text, i) => ({ text, hit: i % 2 === 1 }))
    .filter((part) => part.text.length > 0);
}

type SearchRow = { id: string; slug: string; locale: string; title: string; headline: string; total: number };

/**
 * Matching published articles, one per slug, for a reader of `locale`. Both their language and
 * English are searched (so English keywords find a translated article too); the reader's version
 * is shown when it exists. Ranked with ts_rank, matches in the title counting more.
 */
async function rankedSearch(lang: AppLocale, tsquery: Prisma.Sql, limit: number, offset: number): Promise<SearchRow[]> {
  return db.$queryRaw<SearchRow[]>`
    WITH q AS (SELECT ${tsquery} AS query),
    hits AS (
      SELECT a.slug,
             max(ts_rank(setweight(to_tsvector('simple', a.title), 'A') || setweight(to_tsvector('simple', a.body), 'D'), q.query)) AS rank
      FROM "KbArticle" a, q
      WHERE a.status = 'published' AND a.locale IN (${lang}, 'en') AND a.search @@ q.query
      GROUP BY a.slug
    ),
    shown AS (
      SELECT DISTINCT ON (a.slug) a.id, a.slug, a.locale, a.title, a.body, h.rank
      FROM hits h JOIN "KbArticle" a ON a.slug = h.slug AND a.status = 'published' AND a.locale IN (${lang}, 'en')
      ORDER BY a.slug, (a.locale = ${lang}) DESC
    )
    SELECT s.id::text, s.slug, s.locale, s.title,
           ts_headline('simple', regexp_replace(s.body, ${MARKDOWN_NOISE}, ' ', 'g'), q.query, ${HEADLINE_OPTIONS}) AS headline,
           count(*) OVER ()::int AS total
    FROM shown s, q
    ORDER BY s.rank DESC, lower(s.title), s.slug
    LIMIT ${limit} OFFSET ${offset}`;
}

/** Full-text search (Postgres websearch syntax: words, "a phrase", -excluded, or). */
export async function searchArticles(
  actor: Actor,
  q: string,
  locale: string,
  page = 1,
  pageSize = KB_PAGE_SIZE,
): Promise<{ items: KbSearchHit[]; total: number; page: number; pageSize: number }> {
  assertKbReader(actor);
  const lang = kbLocale(locale);
  const text = q.trim().slice(0, 200);
  const current = Math.max(1, Math.trunc(page));
  if (!/[\p{L}\p{N}]/u.test(text)) return { items: [], total: 0, page: current, pageSize };
  const rows = await rankedSearch(lang, Prisma.sql`websearch_to_tsquery('simple', ${text})`, pageSize, (current - 1) * pageSize);
  return {
    items: rows.map((r) => ({ id: r.id, slug: r.slug, locale: r.locale, title: r.title, fallback: r.locale !== lang, snippet: splitHighlights(r.headline) })),
    total: rows[0]?.total ?? 0,
    page: current,
    pageSize,
  };
}

/**
 * The words of `text` as prefix terms for to_tsquery: letters and digits only (so nothing typed can
 * form tsquery syntax), lower-case, at least two characters, at most eight words.
 */
export function prefixTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, 8).map((w) => `${w}:*`);
}

export type KbSuggestion = { slug: string; title: string; locale: string };

/**
 * Up to five published articles for what a customer is typing (a new ticket's subject): prefix
 * matches on the words typed, all of them if that finds something, otherwise any of them ranked by
 * how many match — a subject like "cannot receive email on my phone" rarely matches every word.
 */
export async function suggestArticles(actor: Actor, text: string, locale: string): Promise<KbSuggestion[]> {
  assertKbReader(actor);
  const lang = kbLocale(locale);
  const terms = prefixTerms(text);
  if (terms.length === 0) return [];
  const toRow = (r: SearchRow): KbSuggestion => ({ slug: r.slug, title: r.title, locale: r.locale });
  const all = await rankedSearch(lang, Prisma.sql`to_tsquery('simple', ${terms.join(" & ")})`, KB_SUGGESTION_LIMIT, 0);
  if (all.length > 0 || terms.length === 1) return all.map(toRow);
  const any = await rankedSearch(lang, Prisma.sql`to_tsquery('simple', ${terms.join(" | ")})`, KB_SUGGESTION_LIMIT, 0);
  return any.map(toRow);
}

// ───────────── Staff ─────────────

export type KbStaffArticleRow = {
  id: string;
  slug: string;
  locale: string;
  title: string;
  status: PublishStatus;
  categoryName: string;
  helpfulYes: number;
  helpfulNo: number;
  updatedAt: Date;
};

/** Every article version, drafts included, grouped by slug; for `/admin/kb`. */
export async function listArticlesForStaff(actor: Actor, opts: { locale?: AppLocale; page?: number; pageSize?: number } = {}) {
  assertKbEditor(actor);
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = opts.pageSize ?? KB_PAGE_SIZE;
  const where = opts.locale ? { locale: opts.locale } : {};
  const [rows, total] = await Promise.all([
    db.kbArticle.findMany({
      where,
      orderBy: [{ slug: "asc" }, { locale: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, slug: true, locale: true, title: true, status: true, helpfulYes: true, helpfulNo: true, updatedAt: true, category: { select: { name: true } } },
    }),
    db.kbArticle.count({ where }),
  ]);
  const lang = kbLocale(actor.locale);
  const items: KbStaffArticleRow[] = rows.map(({ category, ...r }) => ({ ...r, categoryName: categoryName(category.name, lang) }));
  return { items, total, page, pageSize };
}

/** Categories with their names in every language and how many article versions (drafts too) they hold. */
export async function listCategoriesForStaff(actor: Actor) {
  assertKbEditor(actor);
  const lang = kbLocale(actor.locale);
  const rows = await db.kbCategory.findMany({
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: { id: true, slug: true, name: true, isFaq: true, position: true, _count: { select: { articles: true } } },
  });
  return rows.map((c) => ({ id: c.id, slug: c.slug, name: categoryName(c.name, lang), names: c.name as KbLocalisedName, isFaq: c.isFaq, position: c.position, articleCount: c._count.articles }));
}

/** One category for its edit form; null when it does not exist. */
export async function getCategoryForStaff(actor: Actor, id: string) {
  assertKbEditor(actor);
  if (!isGuid(id)) return null;
  const c = await db.kbCategory.findUnique({ where: { id }, select: { id: true, slug: true, name: true, isFaq: true, position: true } });
  return c && { ...c, names: c.name as KbLocalisedName };
}

/** One article version (drafts too) for its edit form, with the languages its slug exists in. */
export async function getArticleForStaff(actor: Actor, id: string) {
  assertKbEditor(actor);
  if (!isGuid(id)) return null;
  const article = await db.kbArticle.findUnique({
    where: { id },
    select: { id: true, categoryId: true, slug: true, locale: true, title: true, body: true, status: true, publishedAt: true, helpfulYes: true, helpfulNo: true, updatedAt: true },
  });
  if (!article) return null;
  const versions = await db.kbArticle.findMany({ where: { slug: article.slug }, orderBy: { locale: "asc" }, select: { id: true, locale: true, status: true } });
  return { ...article, versions };
}

/** What a new translation of `slug` starts from (its category), or null for an unknown slug. */
export async function translationSourceForStaff(actor: Actor, slug: string) {
  assertKbEditor(actor);
  if (!kbSlugSchema.safeParse(slug).success) return null;
  const source = await db.kbArticle.findFirst({ where: { slug }, orderBy: [{ locale: "asc" }], select: { slug: true, categoryId: true } });
  if (!source) return null;
  const versions = await db.kbArticle.findMany({ where: { slug }, select: { locale: true } });
  return { ...source, existingLocales: versions.map((v) => v.locale) };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isGuid(id: string): boolean {
  return GUID.test(id);
}
