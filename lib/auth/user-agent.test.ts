import { describeUserAgent, normalisedBrowserKey, parseUserAgent } from "./user-agent";

const UA = {
  chromeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  chrome132Windows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.6834.83 Safari/537.36",
  edgeWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
  firefoxLinux: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  safariIphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  chromeIpad: "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0.6723.90 Mobile/15E148 Safari/604.1",
  samsungAndroid: "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
  chromeAndroid: "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  operaMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 OPR/115.0.0.0",
  chromeOs: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  headless: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
  firefoxIos: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15",
};

describe("parseUserAgent / describeUserAgent", () => {
  it.each([
    [UA.chromeWindows, "Chrome 131 on Windows"],
    [UA.edgeWindows, "Edge 131 on Windows"],
    [UA.firefoxLinux, "Firefox 133 on Linux"],
    [UA.safariMac, "Safari 18 on macOS"],
    [UA.safariIphone, "Safari 18 on iOS"],
    [UA.chromeIpad, "Chrome 130 on iPadOS"],
    [UA.samsungAndroid, "Samsung Internet 26 on Android"],
    [UA.chromeAndroid, "Chrome 131 on Android"],
    [UA.operaMac, "Opera 115 on macOS"],
    [UA.chromeOs, "Chrome 131 on ChromeOS"],
    [UA.headless, "Chrome 131 on Linux"],
    [UA.firefoxIos, "Firefox 132 on iOS"],
    ["curl/8.5.0", "curl 8"],
  ])("%s → %s", (header, expected) => {
    expect(describeUserAgent(header)).toBe(expected);
  });

  it("says what it knows and nothing it does not", () => {
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent("")).toBeNull();
    expect(describeUserAgent("jest")).toBeNull();
    expect(describeUserAgent("SomeBot (Windows NT 10.0)")).toBe("Windows");
    expect(parseUserAgent(UA.firefoxLinux)).toEqual({ browser: "Firefox", version: "133", os: "Linux" });
  });

  it("ignores absurdly long headers beyond the first kilobyte", () => {
    expect(describeUserAgent(`${"x".repeat(5000)} Chrome/131.0`)).toBeNull();
  });
});

describe("normalisedBrowserKey", () => {
  it("is the same across versions of one browser and differs across browsers and systems", () => {
    expect(normalisedBrowserKey(UA.chromeWindows)).toBe("chrome|windows");
    expect(normalisedBrowserKey(UA.chrome132Windows)).toBe(normalisedBrowserKey(UA.chromeWindows));
    expect(normalisedBrowserKey(UA.edgeWindows)).not.toBe(normalisedBrowserKey(UA.chromeWindows));
    expect(normalisedBrowserKey(UA.chromeAndroid)).not.toBe(normalisedBrowserKey(UA.chromeWindows));
    expect(normalisedBrowserKey(null)).toBe("unknown|unknown");
  });
});
