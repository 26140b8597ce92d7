/** An ISO 3166-1 alpha-2 code as the country's name in the locale ("VN" → "Vietnam" / "Việt Nam"). */
export function formatCountry(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
