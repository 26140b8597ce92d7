import { ClientMessages } from "@/components/shell/client-messages";

/** The server forms translate under "staffServices" (the settings layout sends only "settings"). */
export default function StaffServersLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["settings", "staffServices"]}>{children}</ClientMessages>;
}
