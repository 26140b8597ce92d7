// Resend's inbound email webhook (`email.received`), signed Svix-style. Public by design: the
// signature is the only credential, so nothing is read or stored before it checks out.
import { getEnv } from "@/lib/env";
import { type InboundMail, InboundMailFetchError, inboundMailSourceFor, resendInboundEventSchema, verifyWebhookSignature } from "@/lib/integrations/mail/inbound";
import { processInboundMail } from "@/lib/support/inbound-email";

/**
 * Resend's own payloads carry metadata only; payloads that carry the message inline (built-in
 * mode) hold base64 attachments, 5 × 10 MB at most once decoded. Below next.config's
 * proxyClientMaxBodySize, so middleware never hands us a cut-off body.
 */
const MAX_BODY_BYTES = 40 * 1024 * 1024;
/** How far the svix-timestamp may be from our clock: replays of an old delivery are refused. */
const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

const NO_STORE = { "Cache-Control": "no-store" };
const answer = (status: number, body: Record<string, string>) => Response.json(body, { status, headers: NO_STORE });

/** The body as sent, or "too_large" as soon as it passes `max` (declared or streamed). */
async function readBody(request: Request, max: number): Promise<Uint8Array | "too_large"> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) return "too_large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function POST(request: Request): Promise<Response> {
  const env = getEnv();
  // Without a secret nothing can be verified, and unsigned mail is never accepted.
  if (!env.INBOUND_EMAIL_WEBHOOK_SECRET) return answer(503, { error: "not_configured" });

  const rawBody = await readBody(request, MAX_BODY_BYTES);
  if (rawBody === "too_large") return answer(413, { error: "too_large" });

  const signed = verifyWebhookSignature({
    rawBody,
    headers: { id: request.headers.get("svix-id"), timestamp: request.headers.get("svix-timestamp"), signature: request.headers.get("svix-signature") },
    secret: env.INBOUND_EMAIL_WEBHOOK_SECRET,
    toleranceSeconds: SIGNATURE_TOLERANCE_SECONDS,
  });
  if (!signed) return answer(401, { error: "invalid_signature" });

  const json = parseJson(new TextDecoder().decode(rawBody));
  // Another event type sent to this endpoint is acknowledged, so Resend does not retry it for days.
  if (json && typeof json === "object" && "type" in json && typeof json.type === "string" && json.type !== "email.received") return answer(200, { outcome: "ignored" });
  const event = resendInboundEventSchema.safeParse(json);
  if (!event.success) return answer(400, { error: "invalid_payload" });

  let mail: InboundMail;
  try {
    mail = await inboundMailSourceFor(env).fetch(event.data);
  } catch (error) {
    if (!(error instanceof InboundMailFetchError)) throw error;
    if (error.retryable) return answer(503, { error: "fetch_failed" });
    console.error(`inbound email ${event.data.email_id} cannot be read: ${error.message}`);
    return answer(422, { error: "unreadable" });
  }

  const result = await processInboundMail(mail);
  return answer(200, { outcome: result.outcome });
}
