import "server-only";
import { getEnv } from "@/lib/env";
import { BuiltinDnsBackend } from "./builtin-dns";
import type { DnsBackend } from "./dns-backend";
import { PowerDnsBackend } from "./powerdns";

export { BuiltinDnsBackend } from "./builtin-dns";
export { PowerDnsBackend, unquoteTxt } from "./powerdns";
export { DnsBackendError, type DnsBackend, type ZoneSnapshot } from "./dns-backend";

let configured: DnsBackend | undefined;

/** The backend new zones go to (DNS_BACKEND); a zone keeps the backend it was created on (DnsZone.backend). */
export function dnsBackend(key?: string): DnsBackend {
  const env = getEnv();
  const wanted = key ?? env.DNS_BACKEND;
  if (wanted === "powerdns") {
    if (!env.POWERDNS_API_URL || !env.POWERDNS_API_KEY) throw new Error("DNS_BACKEND=powerdns needs POWERDNS_API_URL and POWERDNS_API_KEY");
    configured ??= new PowerDnsBackend({ apiUrl: env.POWERDNS_API_URL, apiKey: env.POWERDNS_API_KEY, serverId: env.POWERDNS_SERVER_ID });
    return configured;
  }
  return new BuiltinDnsBackend();
}

/** The provider's name servers for new zones (DNS_NAMESERVERS). */
export const providerNameservers = (): string[] => getEnv().DNS_NAMESERVERS.split(",").map((ns) => ns.trim().toLowerCase());
