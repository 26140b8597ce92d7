// Builds (when stale) and runs `next start` for the benchmark and the browser tests. The server runs
// in its own process group (setsid) so stopping it stops every process it spawned (STACK.md §7).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
// What a production build depends on; tests, scripts and data do not change it.
const BUILD_INPUTS = ["app", "components", "lib", "messages", "i18n", "public", "middleware.ts", "proxy.ts", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "package.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when the build folder (NEXT_DIST_DIR or .next) holds a build newer than every build input. */
export function buildIsFresh(distDir = process.env.NEXT_DIST_DIR || ".next"): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(distDir, "BUILD_ID")).mtimeMs;
  } catch {
    return false;
  }
  return BUILD_INPUTS.every((entry) => newestMtime(entry) <= built);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} ${args[1] ?? ""} exited with ${code ?? signal}`))));
  });
}

export async function nextBuild(env: NodeJS.ProcessEnv): Promise<void> {
  await run(process.execPath, [NEXT_BIN, "build"], env);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type RunningServer = {
  baseUrl: string;
  pid: number;
  stop: () => Promise<void>;
  log: () => string;
  /** CPU time (user + system) used so far by every process of the server's group, in ms. */
  cpuMillis: () => number;
};

// Linux clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every common kernel).
const CLOCK_TICKS = 100;

function groupCpuMillis(pgid: number): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after "(comm)": state ppid pgrp … utime (14th field overall) stime (15th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `next start` on 127.0.0.1:port and waits until /api/health answers 200. */
export async function startNextServer(port: number, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<RunningServer> {
  // Not a group leader when spawned, so `setsid` makes the new session in place: pid = pgid.
  const child: ChildProcess = spawn("setsid", [process.execPath, NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (!pid) throw new Error("could not start next start");
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });

  const stop = async () => {
    if (!groupAlive(pid)) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    for (let waited = 0; waited < 10_000 && groupAlive(pid); waited += 100) await sleep(100);
    if (groupAlive(pid)) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`next start exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer /api/health with 200 within ${timeoutMs / 1000} s:\n${output}`);
    }
    await sleep(250);
  }
  return { baseUrl, pid, stop, log: () => output, cpuMillis: () => groupCpuMillis(pid) };
}
