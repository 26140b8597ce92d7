"use server";

import { revalidatePath } from "next/cache";
import { ok } from "@/lib/actions/result";
import { staffAction } from "@/lib/actions/staff-action";
import { deleteAnnouncement, saveAnnouncement } from "@/lib/announcements/commands";
import { announcementIdSchema, announcementSchema } from "@/lib/announcements/schemas";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { catchKbError, deleteArticle, deleteCategory, saveArticle, saveCategory } from "@/lib/kb/commands";
import { kbArticleSchema, kbCategorySchema, kbIdSchema } from "@/lib/kb/schemas";

// Staff writes for the knowledge base and announcements (`staff.tickets`); lib/kb and
// lib/announcements check the permission again and write the audit rows.

function refreshKb() {
  revalidatePath("/admin/kb", "layout");
  revalidatePath("/support/kb", "layout");
}

export const saveArticleAction = staffAction(
  kbArticleSchema,
  "staff.tickets",
  catchKbError(async (actor, input) => {
    const saved = await saveArticle(actor, input, await currentRequestInfo());
    refreshKb();
    return ok(saved);
  }),
);

export const deleteArticleAction = staffAction(
  kbIdSchema,
  "staff.tickets",
  catchKbError(async (actor, { id }) => {
    await deleteArticle(actor, id, await currentRequestInfo());
    refreshKb();
    return ok(undefined);
  }),
);

export const saveCategoryAction = staffAction(
  kbCategorySchema,
  "staff.tickets",
  catchKbError(async (actor, input) => {
    const saved = await saveCategory(actor, input, await currentRequestInfo());
    refreshKb();
    return ok(saved);
  }),
);

export const deleteCategoryAction = staffAction(
  kbIdSchema,
  "staff.tickets",
  catchKbError(async (actor, { id }) => {
    await deleteCategory(actor, id, await currentRequestInfo());
    refreshKb();
    return ok(undefined);
  }),
);

export const saveAnnouncementAction = staffAction(
  announcementSchema,
  "staff.tickets",
  catchKbError(async (actor, input) => {
    const saved = await saveAnnouncement(actor, input, await currentRequestInfo());
    revalidatePath("/admin/kb/announcements", "layout");
    revalidatePath("/support/announcements");
    return ok(saved);
  }),
);

export const deleteAnnouncementAction = staffAction(
  announcementIdSchema,
  "staff.tickets",
  catchKbError(async (actor, { id }) => {
    await deleteAnnouncement(actor, id, await currentRequestInfo());
    revalidatePath("/admin/kb/announcements", "layout");
    revalidatePath("/support/announcements");
    return ok(undefined);
  }),
);
