import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: invoices, payments, credit, the report and the bank import. */
export default function StaffInvoicesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["staffBilling"]}>{children}</ClientMessages>;
}
