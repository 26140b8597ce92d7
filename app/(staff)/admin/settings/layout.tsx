import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: departments, calendars and SLA targets. */
export default function StaffSettingsLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["settings"]}>{children}</ClientMessages>;
}
