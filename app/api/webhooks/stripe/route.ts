// Stripe's webhook. Public by design (middleware lets /api/webhooks/ through without a session,
// and route handlers have no CSRF check): the Stripe-Signature over the raw body is the only
// credential, so nothing is read from the payload or written before it checks out.
import type Stripe from "stripe";
import { cardGateway } from "@/lib/billing/card-checkout";
import { processStripeEvent } from "@/lib/billing/stripe-webhook";

/** Stripe's events are a few kilobytes; anything this large is not from Stripe. */
const MAX_BODY_CHARS = 1024 * 1024;

const NO_STORE = { "Cache-Control": "no-store" };
const answer = (status: number, body: object) => Response.json(body, { status, headers: NO_STORE });

export async function POST(request: Request): Promise<Response> {
  const gateway = cardGateway();
  if (!gateway) return answer(503, { error: "not_configured" });

  const signature = request.headers.get("stripe-signature");
  if (!signature) return answer(400, { error: "invalid_signature" });
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_BODY_CHARS) return answer(413, { error: "too_large" });
  // The exact bytes Stripe signed: parsing and re-serialising JSON would break the signature.
  const rawBody = await request.text();
  if (rawBody.length > MAX_BODY_CHARS) return answer(413, { error: "too_large" });

  let event: Stripe.Event;
  try {
    event = gateway.verifyEvent(rawBody, signature);
  } catch {
    return answer(400, { error: "invalid_signature" });
  }

  // A failure here answers 500 and Stripe delivers again; the event row rolled back with the rest.
  const result = await processStripeEvent(event, gateway);
  return answer(200, result);
}
