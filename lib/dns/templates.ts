import type { DnsRecord } from "./records";

// Record templates of the zone editor: a click adds a provider's usual records (the editor shows
// them before the save). Host names are absolute so they mean the same in any zone.

export const DNS_TEMPLATES = ["ourMail", "googleWorkspace", "microsoft365", "letsEncryptOnly"] as const;
export type DnsTemplate = (typeof DNS_TEMPLATES)[number];

const TTL = 3600;

export function templateRecords(template: DnsTemplate, zone: string, opts: { mailHosts?: readonly string[] } = {}): DnsRecord[] {
  switch (template) {
    case "ourMail": {
      const hosts = opts.mailHosts?.length ? opts.mailHosts : ["mx1.portico.test.", "mx2.portico.test."];
      return [
        ...hosts.map((host, i) => ({ name: "@", type: "MX" as const, ttl: TTL, content: host.endsWith(".") ? host : `${host}.`, priority: (i + 1) * 10 })),
        { name: "@", type: "TXT", ttl: TTL, content: `v=spf1 ${hosts.map((h) => `a:${h.replace(/\.$/, "")}`).join(" ")} ~all`, priority: null },
        { name: "_dmarc", type: "TXT", ttl: TTL, content: `v=DMARC1; p=quarantine; rua=mailto:dmarc@${zone}`, priority: null },
      ];
    }
    case "googleWorkspace":
      return [
        { name: "@", type: "MX", ttl: TTL, content: "smtp.google.com.", priority: 1 },
        { name: "@", type: "TXT", ttl: TTL, content: "v=spf1 include:_spf.google.com ~all", priority: null },
      ];
    case "microsoft365":
      return [
        { name: "@", type: "MX", ttl: TTL, content: `${zone.replace(/\./g, "-")}.mail.protection.outlook.com.`, priority: 0 },
        { name: "@", type: "TXT", ttl: TTL, content: "v=spf1 include:spf.protection.outlook.com -all", priority: null },
        { name: "autodiscover", type: "CNAME", ttl: TTL, content: "autodiscover.outlook.com.", priority: null },
      ];
    case "letsEncryptOnly":
      return [{ name: "@", type: "CAA", ttl: TTL, content: '0 issue "letsencrypt.org"', priority: null }];
  }
}
