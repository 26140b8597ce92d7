import { ClientMessages } from "@/components/shell/client-messages";

/** The strings this area's client components use: service actions, job history, cancellations, usage import. */
export default function StaffServicesLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["staffServices", "serviceChanges", "serviceUsage"]}>{children}</ClientMessages>;
}
