import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the services section's client components use (service page, hosting tools, order cart, usage filters, upgrade and cancellation). */
export default function ServicesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["services", "orders", "serviceUsage", "serviceChanges", "hosting", "domainOrders"]}>{children}</ClientMessages>;
}
