// `prisma generate` needs no schema engine, but the CLI tries to download one unless told where it
// is; machines without internet can't, so point it at a stub that exits 1 (see shared/STACK.md §1).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

if (!fs.existsSync("prisma/schema.prisma")) process.exit(0);
const stub = path.join(os.tmpdir(), "portico-no-schema-engine.sh");
fs.writeFileSync(stub, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
