import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: the quote editor. */
export default function StaffQuotesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["quotes"]}>{children}</ClientMessages>;
}
