// Scripts (worker, seed, bench) run the server code of lib/ outside Next.js. Those modules start
// with `import "server-only"`, whose plain-Node entry throws on purpose; Next resolves it to an
// empty module for server code. Load this first to do the same: `import "./lib/allow-server-only.cjs"`
// at the top of a script, or `tsx --require ./scripts/lib/allow-server-only.cjs <script>`.
const path = require("node:path");
const { createRequire } = require("node:module");

const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));
const entry = requireFromRoot.resolve("server-only");
requireFromRoot.cache[entry] ??= { id: entry, filename: entry, loaded: true, exports: {}, children: [], paths: [] };
