// A small user-agent reader for the security page, the login history and the security emails:
// "Chrome 131 on Windows" is what a person recognises; the raw header is not. It knows the browsers
// and systems people actually sign in with; anything else is "unknown" rather than a guess.
// No dependencies and no server-only code, so a client component may use it too.

export type ParsedUserAgent = {
  /** "Chrome", "Edge", "Firefox", "Safari", "Opera", "Samsung Internet", … or null. */
  browser: string | null;
  /** Major version ("131"), or null. */
  version: string | null;
  /** "Windows", "macOS", "iOS", "iPadOS", "Android", "Linux", "ChromeOS", … or null. */
  os: string | null;
};

// Order matters: Edge, Opera and Samsung Internet also say "Chrome", and Chrome also says "Safari".
const BROWSERS: [name: string, pattern: RegExp][] = [
  ["Edge", /\b(?:Edg|EdgA|EdgiOS|Edge)\/(\d+)/],
  ["Opera", /\b(?:OPR|OPiOS|Opera)\/(\d+)/],
  ["Samsung Internet", /\bSamsungBrowser\/(\d+)/],
  ["Vivaldi", /\bVivaldi\/(\d+)/],
  ["Yandex Browser", /\bYaBrowser\/(\d+)/],
  ["Firefox", /\b(?:Firefox|FxiOS)\/(\d+)/],
  ["Chrome", /\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\/(\d+)/],
  ["Safari", /\bVersion\/(\d+)[.\d]*(?: Mobile\/\S+)? Safari\//],
  ["Internet Explorer", /\b(?:MSIE |Trident\/.*rv:)(\d+)/],
  ["curl", /^curl\/(\d+)/],
];

const SYSTEMS: [name: string, pattern: RegExp][] = [
  ["iPadOS", /\biPad\b/],
  ["iOS", /\b(?:iPhone|iPod)\b/],
  ["Android", /\bAndroid\b/],
  ["ChromeOS", /\bCrOS\b/],
  ["Windows", /\bWindows\b/],
  ["macOS", /\bMac OS X\b|\bMacintosh\b/],
  ["Linux", /\bLinux\b|\bX11\b/],
];

export function parseUserAgent(header: string | null | undefined): ParsedUserAgent {
  const ua = (header ?? "").slice(0, 1000);
  let browser: string | null = null;
  let version: string | null = null;
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = name;
      version = match[1] ?? null;
      break;
    }
  }
  const os = SYSTEMS.find(([, pattern]) => pattern.test(ua))?.[0] ?? null;
  return { browser, version, os };
}

/** The two parts a page puts into its own words: browser with major version ("Chrome 131") and system ("Windows"). */
export function browserAndSystem(header: string | null | undefined): { browser: string | null; os: string | null } {
  const { browser, version, os } = parseUserAgent(header);
  return { browser: browser ? (version ? `${browser} ${version}` : browser) : null, os };
}

/** "Chrome 131 on Windows", "Firefox on Linux", "Safari 17", "Windows", or null when nothing is known. */
export function describeUserAgent(header: string | null | undefined): string | null {
  const { browser, os } = browserAndSystem(header);
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os;
}

/**
 * The browser and system without the version, lower-cased: what "a browser seen before" means for
 * the new-login email (an update from Chrome 131 to 132 is the same browser); "unknown" for parts it cannot tell.
 */
export function normalisedBrowserKey(header: string | null | undefined): string {
  const { browser, os } = parseUserAgent(header);
  return `${(browser ?? "unknown").toLowerCase()}|${(os ?? "unknown").toLowerCase()}`;
}
