import { backupDownloadFor } from "@/lib/integrations/provisioning/builtin-links";

/**
 * A backup of the built-in simulated control panel, behind the signed, expiring link the module
 * hands out (HostingPanel.backupDownloadUrl). The token is the key — no Portico session is
 * involved, as with a real panel's download link: a forged, expired or other backup's token → 403.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const token = new URL(request.url).searchParams.get("token");
  const result = await backupDownloadFor(id, token);
  const headers = { "cache-control": "no-store", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
  if (!result.ok) return new Response(result.status === 403 ? "This download link is not valid or has expired." : "Not found.", { status: result.status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(result.body), {
    status: 200,
    headers: { ...headers, "content-type": "application/gzip", "content-length": String(result.body.length), "content-disposition": `attachment; filename="${result.filename}"` },
  });
}
