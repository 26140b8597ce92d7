"use client";

import { useTranslations } from "next-intl";

/**
 * Translates an action's error key: the staff desk's own messages first, then the shared ticket
 * messages (the lead's schemas and TicketError keys live under "support"). An unknown key reads
 * as the generic form error rather than as a raw key.
 */
export function useErrorText() {
  const t = useTranslations("staffTickets");
  const ts = useTranslations("support");
  return (key: string | undefined | null): string | undefined => {
    if (!key) return undefined;
    if (t.has(key)) return t(key);
    if (ts.has(key)) return ts(key);
    return t("errors.invalidForm");
  };
}
