import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: the ticket queue, ticket pages, canned replies and the held-mail inbox. */
export default function StaffTicketsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["support", "attachments", "staffTickets", "inbound"]}>{children}</ClientMessages>;
}
