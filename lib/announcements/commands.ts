import "server-only";
import type { Actor } from "@/lib/auth/actor-types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { KbError, type RequestMeta } from "@/lib/kb/commands";
import { assertAnnouncementEditor } from "./queries";
import type { AnnouncementInput } from "./schemas";

/**
 * Creates an announcement, or updates it when `input.id` is set. Publishing stamps the time it
 * went out (kept when it is edited later); unpublishing takes it back to a draft.
 */
export async function saveAnnouncement(actor: Actor, input: AnnouncementInput, meta: RequestMeta = {}): Promise<{ id: string }> {
  assertAnnouncementEditor(actor);
  return db.$transaction(async (tx) => {
    const existing = input.id ? await tx.announcement.findUnique({ where: { id: input.id }, select: { publishedAt: true } }) : null;
    if (input.id && !existing) throw new KbError("errors.notFound");
    const wasPublished = Boolean(existing?.publishedAt);
    const data = {
      locale: input.locale || null,
      title: input.title,
      body: input.body,
      publishedAt: input.published ? (existing?.publishedAt ?? new Date()) : null,
    };
    const { id } = input.id
      ? await tx.announcement.update({ where: { id: input.id }, data, select: { id: true } })
      : await tx.announcement.create({ data, select: { id: true } });
    const audit = { actorUserId: actor.userId, targetType: "announcement", targetId: id, data: { title: input.title, locale: data.locale }, ...meta };
    await recordAuditEvent({ action: input.id ? "announcements.updated" : "announcements.created", ...audit }, tx);
    if (input.published !== wasPublished && (input.id || input.published)) {
      await recordAuditEvent({ action: input.published ? "announcements.published" : "announcements.unpublished", ...audit }, tx);
    }
    return { id };
  });
}

export async function deleteAnnouncement(actor: Actor, id: string, meta: RequestMeta = {}): Promise<void> {
  assertAnnouncementEditor(actor);
  await db.$transaction(async (tx) => {
    const existing = await tx.announcement.findUnique({ where: { id }, select: { title: true } });
    if (!existing) throw new KbError("errors.notFound");
    await tx.announcement.delete({ where: { id } });
    await recordAuditEvent({ action: "announcements.deleted", actorUserId: actor.userId, targetType: "announcement", targetId: id, data: { title: existing.title }, ...meta }, tx);
  });
}
