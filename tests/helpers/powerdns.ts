// A real PowerDNS Authoritative server for tests (Debian: pdns-server, pdns-backend-sqlite3,
// sqlite3; `dig` from dnsutils): its own directory, a SQLite database made from the packaged
// schema, DNS and the HTTP API on loopback ports of their own. stop() ends the process it started.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const SCHEMA = "/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql";
const SERVER = "/usr/sbin/pdns_server";

export type RunningPowerDns = { apiUrl: string; apiKey: string; dnsPort: number; stop: () => Promise<void>; log: () => string };

export function powerDnsInstalled(): boolean {
  return fs.existsSync(SERVER) && fs.existsSync(SCHEMA);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPowerDns(): Promise<RunningPowerDns> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-pdns-"));
  const database = path.join(dir, "pdns.sqlite3");
  execFileSync("sqlite3", [database], { input: fs.readFileSync(SCHEMA) });
  const [dnsPort, apiPort] = [await freePort(), await freePort()];
  const apiKey = randomBytes(16).toString("hex");
  fs.writeFileSync(
    path.join(dir, "pdns.conf"),
    [
      "launch=gsqlite3",
      `gsqlite3-database=${database}`,
      "api=yes",
      `api-key=${apiKey}`,
      "webserver=yes",
      "webserver-address=127.0.0.1",
      `webserver-port=${apiPort}`,
      "webserver-allow-from=127.0.0.1",
      "local-address=127.0.0.1",
      `local-port=${dnsPort}`,
      `socket-dir=${dir}`,
      "daemon=no",
      "guardian=no",
      "disable-syslog=yes",
      "loglevel=4",
      // Answers must reflect a save at once.
      "cache-ttl=0",
      "negquery-cache-ttl=0",
      "query-cache-ttl=0",
      "zone-cache-refresh-interval=0",
      "",
    ].join("\n"),
  );
  let output = "";
  const child: ChildProcess = spawn(SERVER, [`--config-dir=${dir}`], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${apiUrl}/api/v1/servers/localhost`, { headers: { "X-API-Key": apiKey } });
      if (res.ok) return { apiUrl, apiKey, dnsPort, stop, log: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`pdns_server did not start:\n${output}`);
}

/** `dig @127.0.0.1 -p <port> +short <name> <type>`: the answer's data lines. */
export function dig(port: number, name: string, type: string): string[] {
  const out = execFileSync("dig", ["@127.0.0.1", "-p", String(port), "+short", "+norecurse", "+time=2", "+tries=1", name, type], { encoding: "utf8" });
  return out.split("\n").filter(Boolean).sort();
}
