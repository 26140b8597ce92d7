// Factories shared by the seed, the benchmark and the tests (they write through Prisma directly;
// there is no actor because they set up the world the actors then act in).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { encryptSecret } from "@/lib/auth/crypto";
import { hashPassword } from "@/lib/auth/password";
import { PRESETS, STAFF_ROLES, type CustomerPermission, type PresetName, type StaffRoleKey } from "@/lib/auth/permissions";

export const unique = (prefix = "x") => `${prefix}-${randomUUID().slice(0, 8)}`;

// Hashing is deliberately slow; tests reuse one hash per distinct password.
const hashes = new Map<string, Promise<string>>();
export const passwordHashFor = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export const DEFAULT_TEST_PASSWORD = "correct-horse-battery-staple";

export async function createUser(
  db: PrismaClient,
  opts: { email?: string; name?: string; password?: string; totpSecret?: string; locale?: string; timeZone?: string; staffRole?: StaffRoleKey } = {},
) {
  const staffRoleId = opts.staffRole ? (await ensureStaffRole(db, opts.staffRole)).id : null;
  return db.user.create({
    data: {
      email: (opts.email ?? `${unique("user")}@example.test`).toLowerCase(),
      name: opts.name ?? "Test User",
      passwordHash: await passwordHashFor(opts.password ?? DEFAULT_TEST_PASSWORD),
      locale: opts.locale ?? "en",
      timeZone: opts.timeZone ?? "UTC",
      totpSecretEnc: opts.totpSecret ? encryptSecret(opts.totpSecret) : null,
      totpEnabledAt: opts.totpSecret ? new Date() : null,
      staffRoleId,
    },
  });
}

const STAFF_ROLE_NAMES: Record<StaffRoleKey, string> = { administrator: "Administrator", support_agent: "Support agent", billing_clerk: "Billing clerk" };

export async function ensureStaffRole(db: PrismaClient, key: StaffRoleKey) {
  return db.staffRole.upsert({
    where: { key },
    update: { permissions: [...STAFF_ROLES[key]] },
    create: { key, name: STAFF_ROLE_NAMES[key], permissions: [...STAFF_ROLES[key]] },
  });
}

let contractSeq = 0;
export async function createCustomer(
  db: PrismaClient,
  opts: { name?: string; contractNumber?: string; currency?: string; country?: string; email?: string; requireTwoFactor?: boolean } = {},
) {
  return db.customer.create({
    data: {
      name: opts.name ?? unique("Customer"),
      contractNumber: opts.contractNumber ?? `T-${process.pid}-${Date.now() % 1e7}-${++contractSeq}`,
      email: opts.email ?? `${unique("billing")}@example.test`,
      currency: opts.currency ?? "EUR",
      country: opts.country ?? "SK",
      addressLine1: "Hlavná 1",
      city: "Bratislava",
      postcode: "811 01",
      requireTwoFactor: opts.requireTwoFactor ?? false,
    },
  });
}

export async function addMember(
  db: PrismaClient,
  userId: string,
  customerId: string,
  opts: { preset?: PresetName; permissions?: CustomerPermission[]; isOwner?: boolean } = {},
) {
  const preset = opts.preset ?? "owner";
  return db.membership.create({
    data: {
      userId,
      customerId,
      isOwner: opts.isOwner ?? preset === "owner",
      permissions: [...(opts.permissions ?? PRESETS[preset])],
    },
  });
}

/** A customer with an owner login; the common starting point of a test. */
export async function createCustomerWithOwner(db: PrismaClient, opts: { password?: string; totpSecret?: string } = {}) {
  const customer = await createCustomer(db);
  const owner = await createUser(db, opts);
  await addMember(db, owner.id, customer.id, { preset: "owner" });
  return { customer, owner };
}
