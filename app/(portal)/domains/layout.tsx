import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the domains section's client components use (the zone editor). */
export default function DomainsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["dns", "domainManage"]}>{children}</ClientMessages>;
}
