// Each test file has its own module registry, hence its own pg pool (lib/db.ts): close it after the file.
afterAll(async () => {
  const holder = globalThis as unknown as { portico?: { prisma: { $disconnect(): Promise<void> }; pool: { end(): Promise<void> } } };
  if (!holder.portico) return;
  const { prisma, pool } = holder.portico;
  holder.portico = undefined;
  await prisma.$disconnect();
  await pool.end();
});
