import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: the knowledge base and announcement editors. */
export default function StaffKbLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["kb"]}>{children}</ClientMessages>;
}
