import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: products, prices and VAT rates. */
export default function StaffCatalogLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["catalog"]}>{children}</ClientMessages>;
}
