// A stand-in for the Resend HTTP API on 127.0.0.1 (random port), for tests that point the Resend
// SDK at it through RESEND_BASE_URL or the transport's baseUrl. It records every request and can
// be told to fail the next N requests. Like Resend, it answers a repeated Idempotency-Key that
// already succeeded with the original id instead of sending again.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type StubRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> | null;
  status: number;
};

export type ResendStub = {
  url: string;
  requests: StubRequest[];
  /** Requests that the stub accepted as new sends (not failures, not idempotent replays). */
  sent: () => StubRequest[];
  /** The next `count` requests answer `status` (default 500) with a Resend-style error body. */
  failNext: (count: number, status?: number) => void;
  /** Every response waits this long, to widen race windows in concurrency tests. */
  setDelay: (ms: number) => void;
  reset: () => void;
  close: () => Promise<void>;
};

export async function startResendStub(): Promise<ResendStub> {
  const requests: StubRequest[] = [];
  const acceptedByKey = new Map<string, string>();
  let failures: { remaining: number; status: number } = { remaining: 0, status: 500 };
  let delayMs = 0;
  let nextId = 1;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const record: StubRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, status: 200 };
      requests.push(record);
      const reply = (status: number, payload: unknown) => {
        record.status = status;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(payload));
      };

      if (failures.remaining > 0) {
        failures.remaining--;
        return reply(failures.status, { statusCode: failures.status, name: failures.status >= 500 ? "internal_server_error" : "validation_error", message: "stub failure" });
      }
      if (req.method !== "POST" || req.url !== "/emails") return reply(404, { statusCode: 404, name: "not_found", message: "stub: unknown route" });
      if (!String(req.headers.authorization ?? "").startsWith("Bearer ")) return reply(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key" });

      const key = req.headers["idempotency-key"];
      const previous = typeof key === "string" ? acceptedByKey.get(key) : undefined;
      if (previous) {
        record.status = 208; // marks a replay in `requests`; the client still sees a normal 200
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ id: previous }));
      }
      const id = `stub-${nextId++}`;
      if (typeof key === "string") acceptedByKey.set(key, id);
      return reply(200, { id });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sent: () => requests.filter((r) => r.status === 200 && r.path === "/emails"),
    failNext: (count, status = 500) => {
      failures = { remaining: count, status };
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    reset: () => {
      requests.length = 0;
      acceptedByKey.clear();
      failures = { remaining: 0, status: 500 };
      delayMs = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // fetch keeps connections alive
      }),
  };
}
