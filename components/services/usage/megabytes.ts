/** "512 MB", "1.5 GB", "2.1 TB" (binary steps, as control panels count), in the user's locale. */
export function formatMegabytes(mb: number, locale: string): string {
  const units = ["MB", "GB", "TB"] as const;
  let value = mb;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0 }).format(value)} ${units[unit]}`;
}
