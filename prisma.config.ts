import "dotenv/config";
import { defineConfig } from "prisma/config";

// `prisma generate` needs no database; migrations run through scripts/migrate.mjs (offline engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/portico" },
});
