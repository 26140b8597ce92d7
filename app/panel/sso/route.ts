import { consumeSsoToken } from "@/lib/integrations/provisioning/builtin-links";

/**
 * Single sign-on into the built-in simulated control panel: the one-time link from
 * ProvisioningModule.ssoUrl (valid 60 s, good once). On success it opens the panel view with a
 * short-lived view token in the URL (the panel sets no cookie); otherwise a plain 403.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const result = await consumeSsoToken(url.searchParams.get("token"));
  if (!result.ok) {
    const message = result.reason === "used" ? "This sign-in link was already used. Open the control panel again from the portal." : result.reason === "expired" ? "This sign-in link has expired. Open the control panel again from the portal." : "This sign-in link is not valid.";
    return new Response(message, { status: 403, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  }
  // A relative Location: right behind any proxy, whatever host the request came in on.
  return new Response(null, {
    status: 303,
    headers: { location: `/panel?view=${encodeURIComponent(result.viewToken)}`, "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}
