"use client";

import { useState } from "react";
import type { UseFormRegisterReturn, UseFormSetValue } from "react-hook-form";
import { Button, type FieldControlProps, Input } from "@/components/ui";
import { hostingPasswordProblem } from "@/lib/services/hosting-schemas";
import { useHostingText } from "./hosting-text";

// Letters and digits that are easy to tell apart when read aloud (no 0/O, 1/l/I), and symbols
// that FTP clients and mail programs accept without quoting.
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "-_.!#%+=";

/** A random 16-character password meeting the hosting rules, from the browser's crypto. */
export function generateHostingPassword(length = 16): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[crypto.getRandomValues(new Uint32Array(1))[0] % set.length];
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(all));
    // Shuffle so the guaranteed kinds are not always first.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    const password = chars.join("");
    if (hostingPasswordProblem(password) === null) return password;
  }
}

type Props = {
  control: FieldControlProps;
  registration: UseFormRegisterReturn<"password">;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form with a "password" field
  setValue: UseFormSetValue<any>;
};

/**
 * A new password for a panel resource: hidden by default, a button to show it, and one to
 * generate a strong one (shown, so it can be copied; Portico does not keep it).
 */
export function PasswordInput({ control, registration, setValue }: Props) {
  const { t } = useHostingText();
  const [visible, setVisible] = useState(false);
  return (
    <div className="flex flex-wrap gap-2">
      <Input
        {...control}
        {...registration}
        type={visible ? "text" : "password"}
        autoComplete="new-password"
        spellCheck={false}
        className="min-w-0 flex-1 font-mono sm:min-w-56"
      />
      <Button variant="secondary" onClick={() => setVisible((v) => !v)} aria-pressed={visible} aria-controls={control.id}>
        {visible ? t("password.hide") : t("password.show")}
      </Button>
      <Button
        variant="secondary"
        onClick={() => {
          setValue("password", generateHostingPassword(), { shouldValidate: true, shouldDirty: true });
          setVisible(true);
        }}
      >
        {t("password.generate")}
      </Button>
    </div>
  );
}
