import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Chevron, Menu, menuItemClasses } from "./menu";

type FormAction = (formData: FormData) => Promise<void>;

type UserMenuProps = {
  name: string;
  email: string;
  /** Subtitle under the email, e.g. the staff role. */
  detail?: string;
  links: { key: string; href: string; label: string }[];
  signOutAction: FormAction | (() => Promise<void>);
};

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export async function UserMenu({ name, email, detail, links, signOutAction }: UserMenuProps) {
  const t = await getTranslations("nav");
  return (
    <Menu
      label={t("userMenu", { name })}
      summary={
        <>
          <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-fg">
            {initials(name)}
          </span>
          <span className="hidden max-w-40 truncate xl:inline">{name}</span>
          <Chevron />
        </>
      }
      panelClassName="min-w-60"
    >
      <div className="border-b border-border px-3 pb-2 pt-2">
        <p className="truncate text-sm font-medium text-fg">{name}</p>
        <p className="truncate text-xs text-muted">{email}</p>
        {detail ? <p className="truncate text-xs text-muted">{detail}</p> : null}
      </div>
      {links.length > 0 ? (
        <ul className="border-b border-border py-1">
          {links.map((link) => (
            <li key={link.key}>
              <Link href={link.href} className={menuItemClasses}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <form action={signOutAction as FormAction} className="pt-1">
        <button type="submit" className={menuItemClasses}>
          {t("signOut")}
        </button>
      </form>
    </Menu>
  );
}
