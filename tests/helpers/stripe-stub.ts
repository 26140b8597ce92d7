// A stand-in for the parts of the Stripe API Portico calls, on 127.0.0.1 (random port), for tests
// that point the SDK at it through STRIPE_API_BASE. It records every request (form bodies decoded
// to flat "a[b][c]" keys), answers a repeated Idempotency-Key with the first response like Stripe,
// can fail the next N requests, and plays the customer: completeSession() pays a checkout session
// and addRefund() refunds in the "dashboard". Also builds signed webhook deliveries.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export type StripeStubRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Form fields as the SDK encodes them: { "line_items[0][price_data][unit_amount]": "12300", … }. */
  form: Record<string, string>;
  status: number;
};

type StubSession = {
  id: string;
  object: "checkout.session";
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  customer_email: string | null;
  url: string | null;
  livemode: false;
  created: number;
};

type StubRefund = { id: string; object: "refund"; amount: number; currency: string; payment_intent: string; status: string; metadata: Record<string, string>; created: number };

export type StripeStub = {
  url: string;
  requests: StripeStubRequest[];
  sessions: Map<string, StubSession>;
  refunds: StubRefund[];
  /** The checkout session, paid (or "unpaid" for a delayed method): the object a webhook event carries. */
  completeSession: (id: string, opts?: { paymentStatus?: "paid" | "unpaid" }) => StubSession;
  expireSession: (id: string) => StubSession;
  /** A refund made outside Portico (the Stripe dashboard). */
  addRefund: (paymentIntent: string, amount: number, opts?: { status?: string }) => StubRefund;
  failNext: (count: number, status?: number) => void;
  reset: () => void;
  close: () => Promise<void>;
};

const now = () => Math.floor(Date.now() / 1000);

function metadataOf(form: Record<string, string>, prefix = "metadata"): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const match = new RegExp(`^${prefix.replace(/[[\]]/g, "\\$&")}\\[([^\\]]+)\\]$`).exec(key);
    if (match) out[match[1]] = value;
  }
  return out;
}

export async function startStripeStub(): Promise<StripeStub> {
  const requests: StripeStubRequest[] = [];
  const sessions = new Map<string, StubSession>();
  const refunds: StubRefund[] = [];
  const byIdempotencyKey = new Map<string, { status: number; payload: unknown }>();
  let failures = { remaining: 0, status: 500 };
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}_test_${process.pid}x${++seq}${Math.random().toString(36).slice(2, 8)}`;
  let base = "";

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", base);
      const raw = Buffer.concat(chunks).toString("utf8");
      const form = Object.fromEntries(new URLSearchParams(req.method === "GET" ? url.search : raw));
      const record: StripeStubRequest = { method: req.method ?? "", path: url.pathname, headers: req.headers, form, status: 200 };
      requests.push(record);
      const reply = (status: number, payload: unknown) => {
        record.status = status;
        res.writeHead(status, { "content-type": "application/json", "request-id": `req_${seq}` });
        res.end(JSON.stringify(payload));
      };
      const error = (status: number, message: string, type = "invalid_request_error") => reply(status, { error: { type, message } });

      if (failures.remaining > 0) {
        failures.remaining--;
        return error(failures.status, "stub failure", failures.status >= 500 ? "api_error" : "invalid_request_error");
      }
      if (!/^Bearer sk_test_/.test(String(req.headers.authorization ?? ""))) return error(401, "Invalid API Key provided", "authentication_error");

      const key = req.headers["idempotency-key"];
      if (req.method === "POST" && typeof key === "string") {
        const previous = byIdempotencyKey.get(key);
        if (previous) return reply(previous.status, previous.payload);
      }
      const remember = (status: number, payload: unknown) => {
        if (req.method === "POST" && typeof key === "string") byIdempotencyKey.set(key, { status, payload });
        reply(status, payload);
      };

      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        const unit = Number(form["line_items[0][price_data][unit_amount]"]);
        const quantity = Number(form["line_items[0][quantity]"] ?? "1");
        if (!Number.isSafeInteger(unit) || !form["line_items[0][price_data][currency]"]) return error(400, "Missing line item amount or currency");
        const id = nextId("cs");
        const session: StubSession = {
          id,
          object: "checkout.session",
          mode: "payment",
          status: "open",
          payment_status: "unpaid",
          amount_total: unit * quantity,
          currency: form["line_items[0][price_data][currency]"],
          client_reference_id: form.client_reference_id ?? null,
          metadata: metadataOf(form),
          payment_intent: null,
          success_url: form.success_url,
          cancel_url: form.cancel_url,
          customer_email: form.customer_email ?? null,
          url: `${base}/pay/${id}`,
          livemode: false,
          created: now(),
        };
        sessions.set(id, session);
        return remember(200, session);
      }
      if (req.method === "POST" && url.pathname === "/v1/refunds") {
        const paymentIntent = form.payment_intent;
        const amount = Number(form.amount);
        const paid = [...sessions.values()].find((s) => s.payment_intent === paymentIntent);
        if (!paymentIntent || !Number.isSafeInteger(amount)) return error(400, "Missing payment_intent or amount");
        const refund: StubRefund = { id: nextId("re"), object: "refund", amount, currency: paid?.currency ?? "eur", payment_intent: paymentIntent, status: "succeeded", metadata: metadataOf(form), created: now() };
        refunds.push(refund);
        return remember(200, refund);
      }
      if (req.method === "GET" && url.pathname === "/v1/refunds") {
        const data = refunds.filter((r) => !form.payment_intent || r.payment_intent === form.payment_intent);
        return reply(200, { object: "list", url: "/v1/refunds", has_more: false, data });
      }
      return error(404, `stub: unknown route ${req.method} ${url.pathname}`);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  const sessionOf = (id: string) => {
    const session = sessions.get(id);
    if (!session) throw new Error(`stub: no checkout session ${id}`);
    return session;
  };

  return {
    url: base,
    requests,
    sessions,
    refunds,
    completeSession: (id, opts = {}) => {
      const session = sessionOf(id);
      session.status = "complete";
      session.payment_status = opts.paymentStatus ?? "paid";
      session.payment_intent ??= nextId("pi");
      session.url = null;
      return { ...session, metadata: { ...session.metadata } };
    },
    expireSession: (id) => {
      const session = sessionOf(id);
      session.status = "expired";
      session.url = null;
      return { ...session, metadata: { ...session.metadata } };
    },
    addRefund: (paymentIntent, amount, opts = {}) => {
      const paid = [...sessions.values()].find((s) => s.payment_intent === paymentIntent);
      const refund: StubRefund = { id: nextId("re"), object: "refund", amount, currency: paid?.currency ?? "eur", payment_intent: paymentIntent, status: opts.status ?? "succeeded", metadata: {}, created: now() };
      refunds.push(refund);
      return refund;
    },
    failNext: (count, status = 500) => {
      failures = { remaining: count, status };
    },
    reset: () => {
      requests.length = 0;
      byIdempotencyKey.clear();
      failures = { remaining: 0, status: 500 };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A Stripe event envelope around `object`, as Stripe would POST it. */
export function stripeEvent(type: string, object: object, opts: { id?: string; created?: number } = {}): string {
  return JSON.stringify({
    id: opts.id ?? `evt_test_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: opts.created ?? now(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

/** A POST to the webhook route with `body` signed by `secret` the way Stripe signs (or a given header). */
export function signedStripeRequest(body: string, secret: string, opts: { signature?: string | null; timestamp?: number } = {}): Request {
  const signature = opts.signature === undefined ? Stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) }) : opts.signature;
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return new Request("http://localhost/api/webhooks/stripe", { method: "POST", headers, body });
}
