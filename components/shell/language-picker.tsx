import { getTranslations } from "next-intl/server";
import { LOCALES, LOCALE_NAMES, type AppLocale } from "@/i18n/locales";
import { Chevron, Menu, menuItemClasses } from "./menu";

type FormAction = (formData: FormData) => Promise<void>;

/** Language menu; each language is a submit button of one form (works without JavaScript). */
export async function LanguagePicker({ current, action }: { current: AppLocale; action: FormAction }) {
  const t = await getTranslations("common.language");
  return (
    <Menu
      label={`${t("label")}: ${LOCALE_NAMES[current]}`}
      summary={
        <>
          <GlobeIcon />
          <span className="uppercase">{current}</span>
          <Chevron />
        </>
      }
      panelClassName="min-w-44"
    >
      <form action={action}>
        <p className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-muted">{t("label")}</p>
        {LOCALES.map((locale) => (
          <button
            key={locale}
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-current={locale === current ? "true" : undefined}
            className={menuItemClasses}
          >
            <span aria-hidden="true" className="w-4 text-link">
              {locale === current ? "✓" : ""}
            </span>
            {LOCALE_NAMES[locale]}
          </button>
        ))}
      </form>
    </Menu>
  );
}

function GlobeIcon() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="text-muted">
      <circle cx="12" cy="12" r="10" />
      <path d="M2 12h20M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z" />
    </svg>
  );
}
