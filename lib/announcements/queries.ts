import "server-only";
import { type Actor, type StaffActor, assertCan } from "@/lib/auth/actor-types";
import { PermissionDenied } from "@/lib/auth/errors";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { kbLocale } from "@/lib/kb/queries";

// News from the provider. Every signed-in actor reads the published ones meant for their language
// (or for everyone); staff with `staff.tickets` write them, the same people who write the KB.

export const ANNOUNCEMENTS_PAGE_SIZE = 10;

function assertReader(actor: Actor): void {
  if (actor.kind === "staff") assertCan(actor, "staff.access");
}

export function assertAnnouncementEditor(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== "staff") throw new PermissionDenied("staff.tickets");
  assertCan(actor, "staff.tickets");
}

const select = { id: true, locale: true, title: true, body: true, publishedAt: true } satisfies Prisma.AnnouncementSelect;
export type AnnouncementView = Prisma.AnnouncementGetPayload<{ select: typeof select }> & { publishedAt: Date };

/** Published announcements for a reader of `locale` (theirs or for everyone), newest first. */
export async function listAnnouncements(actor: Actor, locale: string, opts: { page?: number; pageSize?: number; now?: Date } = {}) {
  assertReader(actor);
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = opts.pageSize ?? ANNOUNCEMENTS_PAGE_SIZE;
  const where = {
    publishedAt: { not: null, lte: opts.now ?? new Date() },
    OR: [{ locale: null }, { locale: kbLocale(locale) }],
  } satisfies Prisma.AnnouncementWhereInput;
  const [rows, total] = await Promise.all([
    db.announcement.findMany({ where, select, orderBy: [{ publishedAt: "desc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
    db.announcement.count({ where }),
  ]);
  return { items: rows as AnnouncementView[], total, page, pageSize };
}

/** Every announcement, drafts first, then newest published; for `/admin/kb/announcements`. */
export async function listAnnouncementsForStaff(actor: Actor, opts: { page?: number; pageSize?: number } = {}) {
  assertAnnouncementEditor(actor);
  const page = Math.max(1, Math.trunc(opts.page ?? 1));
  const pageSize = opts.pageSize ?? 20;
  const [items, total] = await Promise.all([
    db.announcement.findMany({
      select: { id: true, locale: true, title: true, publishedAt: true, updatedAt: true },
      orderBy: [{ publishedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.announcement.count(),
  ]);
  return { items, total, page, pageSize };
}

/** One announcement for its edit form; null when it does not exist. */
export async function getAnnouncementForStaff(actor: Actor, id: string) {
  assertAnnouncementEditor(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db.announcement.findUnique({ where: { id }, select });
}
