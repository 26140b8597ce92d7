import "server-only";
import { headers } from "next/headers";
import type { RequestInfo } from "./login";

// The client address is the rightmost x-forwarded-for hop: the one our reverse proxy appended. Hops
// further left come from the client and could be forged to dodge the per-IP login throttle.
// (`next start` fills the header with the socket address only when it is missing.)
export function requestInfoFrom(h: Headers): RequestInfo {
  const forwarded = h.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const ip = forwarded || h.get("x-real-ip") || "unknown";
  return { ip, userAgent: h.get("user-agent") };
}

export async function currentRequestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}
