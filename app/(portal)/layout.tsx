import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/actions";
import { AppHeader } from "@/components/shell/app-header";
import { CustomerSwitcher } from "@/components/shell/customer-switcher";
import { LanguagePicker } from "@/components/shell/language-picker";
import { ClientMessages } from "@/components/shell/client-messages";
import { SkipLink } from "@/components/shell/skip-link";
import { THEME_COOKIE, themeFrom } from "@/components/shell/theme";
import { UserMenu } from "@/components/shell/user-menu";
import { accountNavigation, portalNavigation } from "@/lib/accounts/navigation";
import { requireCustomerActor } from "@/lib/auth/session";
import { setLocaleAction, switchCustomerAction } from "./actions";

/**
 * The customer area's frame. It loads the header's data only: layouts do not re-run on client
 * navigation, so every page checks the actor and its permission itself.
 */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const [actor, t, tStaff, locale, theme] = await Promise.all([
    requireCustomerActor(),
    getTranslations("nav"),
    getTranslations("staffCustomers"),
    getLocale(),
    cookies().then((c) => themeFrom(c.get(THEME_COOKIE)?.value)),
  ]);
  const nav = portalNavigation(actor).map((item) => ({ ...item, label: t(item.labelKey) }));
  const accountLinks = accountNavigation(actor).map((item) => ({ ...item, label: t(item.labelKey) }));

  return (
    <>
      <SkipLink />
      <AppHeader
        homeHref="/dashboard"
        nav={nav}
        theme={theme}
        tools={
          <>
            <CustomerSwitcher currentId={actor.customerId} memberships={actor.memberships} action={switchCustomerAction} />
            <LanguagePicker current={locale} action={setLocaleAction} />
          </>
        }
        userMenu={<UserMenu name={actor.name} email={actor.email} links={accountLinks} signOutAction={signOutAction} />}
      />
      {actor.impersonator ? (
        <div role="status" className="border-b border-warning/30 bg-warning-soft px-3 py-2 text-sm text-warning sm:px-6" data-testid="impersonation-banner">
          <form method="post" action="/api/impersonation/stop" className="mx-auto flex w-full max-w-7xl flex-wrap items-center justify-between gap-2">
            <span>{tStaff("impersonation.banner", { staff: actor.impersonator.name, contact: actor.name, customer: actor.customerName })}</span>
            <button type="submit" className="rounded-md border border-border bg-surface px-3 py-1 font-medium hover:bg-bg focus:outline-none focus-visible:ring-2 focus-visible:ring-accent">
              {tStaff("impersonation.back")}
            </button>
          </form>
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-3 py-6 focus:outline-none sm:px-6 sm:py-8">
        {/* Only the shell's strings here; each section's layout sends its own (support, billing). */}
        <ClientMessages namespaces={[]}>{children}</ClientMessages>
      </main>
    </>
  );
}
