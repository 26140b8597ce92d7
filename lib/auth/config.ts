// Edge-safe part of the next-auth configuration: used by middleware.ts, so no Prisma, no argon2.
import type { NextAuthConfig } from "next-auth";

/** Where a signed-in session stands; carried in the JWT so middleware can redirect without a DB. */
export type SessionStage = "password" | "enrol" | "done";

declare module "next-auth" {
  interface Session {
    sid: string;
    stage: SessionStage;
    staff: boolean;
  }
  interface User {
    sid?: string;
    stage?: SessionStage;
    staff?: boolean;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
    stage?: SessionStage;
    staff?: boolean;
  }
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  trustHost: process.env.AUTH_TRUST_HOST === "true" || process.env.NODE_ENV !== "production" || undefined,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) {
        token.sid = user.sid;
        token.stage = user.stage;
        token.staff = user.staff;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: token.sid ?? "", stage: token.stage ?? "password", staff: token.staff ?? false };
    },
  },
} satisfies NextAuthConfig;
