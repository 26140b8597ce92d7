// Runs once when a Next.js server starts: refuse to serve with a broken configuration, with one
// message naming every missing or bad variable (lib/env.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { EnvError, loadEnv } = await import("./lib/env");
    try {
      loadEnv();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
  }
}
