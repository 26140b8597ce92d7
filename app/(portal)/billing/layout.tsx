import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the billing section's client components use (pay panel, payment method, quote answers). */
export default function BillingLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["billing", "quotes"]}>{children}</ClientMessages>;
}
