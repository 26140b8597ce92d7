import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { authConfig } from "./config";
import { loginWithPassword } from "./login";
import { reportLoginOutcome } from "./login-outcome";
import { requestInfoFrom } from "./request-info";
import { stageOfSession } from "./session-stage";

class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

const credentials = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(input, request) {
        const parsed = credentials.safeParse(input);
        if (!parsed.success) return null;
        const result = await loginWithPassword(parsed.data.email, parsed.data.password, requestInfoFrom(request.headers));
        reportLoginOutcome(result);
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignin();
          return null;
        }
        return { id: result.sessionId, sid: result.sessionId, stage: result.stage, staff: result.staff };
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user, trigger }) {
      if (user?.sid) return { ...token, sid: user.sid, stage: user.stage, staff: user.staff };
      // After a 2FA step the server calls unstable_update(); the new stage comes from the database, never the client.
      if (trigger === "update" && token.sid) {
        const current = await stageOfSession(token.sid);
        if (!current) return null;
        return { ...token, stage: current.stage, staff: current.staff };
      }
      return token;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (!sid) return;
      const session = await db.session.findUnique({ where: { id: sid }, select: { userId: true, activeCustomerId: true, revokedAt: true } });
      if (!session || session.revokedAt) return;
      await db.session.update({ where: { id: sid }, data: { revokedAt: new Date() } });
      await recordAuditEvent({ action: "auth.logout", actorUserId: session.userId, customerId: session.activeCustomerId });
    },
  },
});
