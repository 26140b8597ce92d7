import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: the network status editor (it shares the KB editor's strings). */
export default function StaffNetworkLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["kb"]}>{children}</ClientMessages>;
}
