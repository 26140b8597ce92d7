import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the staff domain list's client components use (the registrar buttons of each row). */
export default function StaffDomainsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["staffDomains"]}>{children}</ClientMessages>;
}
