import "server-only";
import { db } from "@/lib/db";
import type { SessionStage } from "./config";
import { hasSecondFactor, secondFactorSelect } from "./second-factor";

const liveSessionInclude = {
  user: {
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      timeZone: true,
      disabledAt: true,
      ...secondFactorSelect,
      staffRole: { select: { key: true, permissions: true, ticketDepartments: true } },
      memberships: {
        orderBy: { createdAt: "asc" },
        select: {
          customerId: true,
          isOwner: true,
          permissions: true,
          customer: { select: { name: true, contractNumber: true, requireTwoFactor: true } },
        },
      },
    },
  },
} as const;

/** One query: the session row with its user, staff role and memberships. Null unless live. */
export async function loadLiveSession(sessionId: string, now = new Date()) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const row = await db.session.findUnique({ where: { id: sessionId }, include: liveSessionInclude });
  if (!row || row.revokedAt || row.expiresAt <= now || row.user.disabledAt) return null;
  return row;
}
export type LiveSession = NonNullable<Awaited<ReturnType<typeof loadLiveSession>>>;

export function activeMembership(row: LiveSession) {
  const memberships = row.user.memberships;
  return memberships.find((m) => m.customerId === row.activeCustomerId) ?? memberships[0] ?? null;
}

export function stageOf(row: LiveSession): SessionStage {
  // A staff member impersonating (verified with their own second factor) is never asked to enrol the contact's.
  if (row.impersonatorUserId) return "done";
  const user = row.user;
  if (hasSecondFactor(user)) return row.twoFactorVerifiedAt ? "done" : "password";
  const required = Boolean(user.staffRole) || Boolean(activeMembership(row)?.customer.requireTwoFactor);
  return required ? "enrol" : "done";
}

export async function stageOfSession(sessionId: string): Promise<{ stage: SessionStage; staff: boolean } | null> {
  const row = await loadLiveSession(sessionId);
  return row ? { stage: stageOf(row), staff: Boolean(row.user.staffRole) } : null;
}
