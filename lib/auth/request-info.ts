import "server-only";
import { headers } from "next/headers";
import type { RequestInfo } from "./login";

// Behind a load balancer the client is the first x-forwarded-for hop; `next start` sets it too.
export function requestInfoFrom(h: Headers): RequestInfo {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || h.get("x-real-ip") || "unknown";
  return { ip, userAgent: h.get("user-agent") };
}

export async function currentRequestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}
