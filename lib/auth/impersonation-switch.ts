import "server-only";
import { db } from "@/lib/db";

/**
 * Whether the cookie holding session `from` may now carry session `to` (impersonation, issue 7):
 * into a live impersonation session that was opened from `from`, or back from an impersonation
 * session to the staff session it was opened from. Anything else (a forged update sent by a
 * browser) is refused with null and the cookie keeps its session.
 */
export async function allowedSessionSwitch(from: string, to: string): Promise<string | null> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(from) || !uuid.test(to) || from === to) return null;
  const now = new Date();
  const [current, target] = await Promise.all([
    db.session.findUnique({ where: { id: from }, select: { impersonatorSessionId: true, revokedAt: true } }),
    db.session.findUnique({ where: { id: to }, select: { impersonatorSessionId: true, revokedAt: true, expiresAt: true } }),
  ]);
  if (!current || !target || target.revokedAt || target.expiresAt <= now) return null;
  const entering = target.impersonatorSessionId === from && !current.revokedAt;
  const leaving = current.impersonatorSessionId === to;
  return entering || leaving ? to : null;
}
