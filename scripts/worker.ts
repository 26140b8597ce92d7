// `npm run worker`: the background job worker (pg-boss). Run as many as you like next to the web
// instances; they share the queues in Postgres. Stops cleanly on SIGINT / SIGTERM.
import "dotenv/config";
import { EnvError, loadEnv } from "@/lib/env";

const log = {
  info: (...args: unknown[]) => console.log(new Date().toISOString(), "[worker]", ...args),
  warn: (...args: unknown[]) => console.warn(new Date().toISOString(), "[worker]", ...args),
  error: (...args: unknown[]) => console.error(new Date().toISOString(), "[worker]", ...args),
};

async function main() {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // Imported after the check: lib/db reads DATABASE_URL when it loads.
  const { startWorker } = await import("@/lib/jobs/start-worker");
  const worker = await startWorker(env, log);
  log.info(`started (pid ${process.pid}); email via ${env.RESEND_API_KEY ? "Resend" : "the built-in outbox"}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing running jobs…`);
    const force = setTimeout(() => {
      log.error("did not stop within 30 s; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    try {
      await worker.stop();
      const { db } = await import("@/lib/db");
      await db.$disconnect();
      log.info("stopped");
      process.exit(0);
    } catch (error) {
      log.error("error while stopping:", error);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  log.error("failed to start:", error);
  process.exit(1);
});
