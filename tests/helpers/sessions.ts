// A live, fully verified Session row for a seeded user, for tests that call server actions in-process
// with `auth()` mocked to return its id (tests/security/*).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

/** Valid for an hour, second factor passed and recently re-verified. */
export async function verifiedSessionId(email: string, opts: { userAgent?: string } = {}): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const id = randomUUID();
  const now = new Date();
  await db.session.create({ data: { id, userId: user.id, expiresAt: new Date(now.getTime() + 3_600_000), twoFactorVerifiedAt: now, reauthenticatedAt: now, ...(opts.userAgent ? { userAgent: opts.userAgent } : {}) } });
  return id;
}
