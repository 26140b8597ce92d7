import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the support section's client components use (forms, KB votes, attachments). */
export default function SupportLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["support", "kb", "attachments"]}>{children}</ClientMessages>;
}
