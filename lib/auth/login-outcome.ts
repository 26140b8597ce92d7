import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { PasswordLoginResult } from "./login";

type Holder = { result: PasswordLoginResult | null };
const storage = new AsyncLocalStorage<Holder>();

/**
 * next-auth's signIn() does not return what authorize() decided. authorize() runs inside the
 * login action's call, so it leaves the outcome in this async-local holder for the action to read.
 */
export async function withLoginOutcome(run: () => Promise<unknown>): Promise<PasswordLoginResult | null> {
  const holder: Holder = { result: null };
  await storage.run(holder, run);
  return holder.result;
}

export function reportLoginOutcome(result: PasswordLoginResult) {
  const holder = storage.getStore();
  if (holder) holder.result = result;
}

/** Where a session goes after the password step. */
export function landingPathFor(result: Extract<PasswordLoginResult, { ok: true }>): string {
  if (result.stage === "password") return "/login/2fa";
  if (result.stage === "enrol") return "/login/2fa/setup";
  return result.staff ? "/admin" : "/dashboard";
}
