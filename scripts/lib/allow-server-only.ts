// Scripts (worker, seed, bench) run the server code of lib/ outside Next.js. Those modules start
// with `import "server-only"`, whose plain-Node entry throws on purpose; Next resolves it to an
// empty module for server code. Import this file first to do the same here.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.cwd(), "package.json"));
const entry = require.resolve("server-only");
require.cache[entry] ??= { id: entry, filename: entry, loaded: true, exports: {}, children: [], paths: [] } as unknown as NodeJS.Module;
