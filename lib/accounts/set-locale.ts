import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-types";
import type { AppLocale } from "@/i18n/locales";

/** Stores the signed-in user's language (validated by setLocaleSchema before this is called). */
export async function setUserLocale(actor: Actor, locale: AppLocale): Promise<void> {
  await db.user.update({ where: { id: actor.userId }, data: { locale } });
}
