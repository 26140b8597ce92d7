import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the domains section's client components use (zone editor, domain controls, ordering, contacts). */
export default function DomainsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["dns", "domainManage", "domainOrders", "domainContacts"]}>{children}</ClientMessages>;
}
