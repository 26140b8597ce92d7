import { getTranslations } from "next-intl/server";
import type { MembershipSummary } from "@/lib/auth/actor-types";
import { Chevron, Menu, menuItemClasses } from "./menu";

type FormAction = (formData: FormData) => Promise<void>;

type CustomerSwitcherProps = {
  currentId: string;
  memberships: MembershipSummary[];
  action: FormAction;
};

/**
 * The customer account being worked on; a menu to switch when the user belongs to several. Every
 * choice posts to a server action that checks the membership again.
 */
export async function CustomerSwitcher({ currentId, memberships, action }: CustomerSwitcherProps) {
  const t = await getTranslations("nav.customerSwitcher");
  const current = memberships.find((m) => m.customerId === currentId);
  if (!current) return null;
  const label = (
    <span className="flex min-w-0 flex-col items-start leading-tight">
      <span className="max-w-48 truncate">{current.customerName}</span>
      <span className="text-xs font-normal text-muted">{t("contract", { number: current.contractNumber })}</span>
    </span>
  );
  if (memberships.length < 2) {
    return <div className="flex h-9 items-center px-2 text-sm font-medium text-fg">{label}</div>;
  }
  return (
    <Menu label={t("label", { name: current.customerName })} summary={<>{label}<Chevron /></>} summaryClassName="h-11" panelClassName="min-w-64">
      <form action={action}>
        <p className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-muted">{t("heading")}</p>
        {memberships.map((m) => (
          <button
            key={m.customerId}
            type="submit"
            name="customerId"
            value={m.customerId}
            aria-current={m.customerId === currentId ? "true" : undefined}
            className={menuItemClasses}
          >
            <span aria-hidden="true" className="w-4 text-link">
              {m.customerId === currentId ? "✓" : ""}
            </span>
            <span className="flex min-w-0 flex-col">
              <span className="truncate">{m.customerName}</span>
              <span className="text-xs text-muted">{t("contract", { number: m.contractNumber })}</span>
            </span>
          </button>
        ))}
      </form>
    </Menu>
  );
}
