import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { NAMESPACES } from "@/i18n/locales";

type Namespace = (typeof NAMESPACES)[number];

/** Translated on every page (header, sign-in, account menu). */
export const BASE_CLIENT_NAMESPACES = ["common", "auth", "account"] as const satisfies readonly Namespace[];

/**
 * Sends the messages of `namespaces` (plus the base ones) to client components below it. Only what
 * client components translate goes to the browser, and only in the area that uses it: the staff
 * area's strings never ride along on a customer's page. A nested provider replaces the outer one's
 * messages, hence the base namespaces are always included.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: React.ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries([...BASE_CLIENT_NAMESPACES, ...namespaces].map((ns) => [ns, messages[ns] ?? {}]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
