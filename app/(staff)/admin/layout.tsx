import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/actions";
import { setLocaleAction } from "@/app/(portal)/actions";
import { AppHeader } from "@/components/shell/app-header";
import { LanguagePicker } from "@/components/shell/language-picker";
import { ClientMessages } from "@/components/shell/client-messages";
import { SkipLink } from "@/components/shell/skip-link";
import { THEME_COOKIE, themeFrom } from "@/components/shell/theme";
import { UserMenu } from "@/components/shell/user-menu";
import { staffNavigation } from "@/lib/admin/navigation";
import { requireStaffActor } from "@/lib/auth/session";

/** The staff area's frame (header data only; every staff page checks its own permission). */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const [actor, t, tAdmin, locale, theme] = await Promise.all([
    requireStaffActor(),
    getTranslations("nav"),
    getTranslations("admin"),
    getLocale(),
    cookies().then((c) => themeFrom(c.get(THEME_COOKIE)?.value)),
  ]);
  const nav = staffNavigation(actor).map((item) => ({ ...item, label: t(item.labelKey) }));
  return (
    <>
      <SkipLink />
      <AppHeader
        homeHref="/admin"
        brandSuffix={tAdmin("brand")}
        nav={nav}
        theme={theme}
        tools={<LanguagePicker current={locale} action={setLocaleAction} />}
        userMenu={<UserMenu name={actor.name} email={actor.email} detail={tAdmin(`roles.${actor.role}`)} links={[]} signOutAction={signOutAction} />}
      />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-3 py-6 focus:outline-none sm:px-6 sm:py-8">
        {/* Only the shell's strings here; each area's layout sends its own. */}
        <ClientMessages namespaces={[]}>{children}</ClientMessages>
      </main>
    </>
  );
}
