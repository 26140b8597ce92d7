import { ClientMessages } from "@/components/shell/client-messages";

/** The strings the account area's client components use (profile, contacts, notifications, emails, security, activity). */
export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientMessages namespaces={["accountProfile", "accountContacts", "accountMail", "accountSecurity", "securityKeys", "accountActivity"]}>{children}</ClientMessages>
  );
}
