import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the TLD catalog's client components use (a nested provider replaces the catalog's). */
export default function StaffTldCatalogLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["tldCatalog"]}>{children}</ClientMessages>;
}
