type ClassValue = string | number | false | null | undefined | ClassValue[] | Record<string, boolean | null | undefined>;

/** Joins class names, skipping falsy values; objects add their keys whose value is true. */
export function cn(...inputs: ClassValue[]): string {
  const out: string[] = [];
  const visit = (value: ClassValue) => {
    if (!value && value !== 0) return;
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object") {
      for (const [key, on] of Object.entries(value)) if (on) out.push(key);
    } else out.push(String(value));
  };
  inputs.forEach(visit);
  return out.join(" ");
}
