import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  type Availability,
  type ContactSet,
  type Nameserver,
  RegistrarError,
  type RegistrarModule,
  type RegistryInfo,
  type TransferState,
} from "./registrar-module";

// The built-in sandbox registry (issue 6): stands in for a registry Portico would reach over EPP.
// Its state is its own table (SandboxRegistryDomain), as a registry keeps its own database. It
// behaves like one: names can be taken (held by another registrar), reserved or premium; a
// transfer needs the right auth code and stays pending until the losing side answers (approve,
// or a scripted reject) after `transferSeconds`; renewals need the current expiry (no double
// renew); calls take time and can fail with a retryable "unavailable".

export const SANDBOX_HOLDER = "portico";
const OTHER_REGISTRAR = "other-registrar";
/** Labels the sandbox treats as registered elsewhere (so the search shows "taken" without a seed). */
const TAKEN_LABELS = new Set(["google", "facebook", "microsoft", "amazon", "wikipedia", "taken"]);
/** Labels no one may register (registry-reserved). */
const RESERVED_LABELS = new Set(["nic", "registry", "whois", "rdap", "example"]);
const SUPPORTED_TLDS = new Set(["com", "net", "org", "eu", "sk", "hu", "vn", "com.vn", "cz", "de", "io", "dev", "shop"]);
/** Premium: one- and two-letter labels, priced per year in EUR cents. */
const PREMIUM_PRICE_MINOR = 49_900n;
const DAY_MS = 86_400_000;

export type BuiltinRegistryOptions = {
  client?: PrismaClient;
  /** How long a call takes (default 200 ms; 0 in tests). */
  delayMs?: number;
  /** Share of calls (0–1) that fail with "unavailable". */
  failureRate?: number;
  random?: () => number;
  /** The next N calls of each named operation fail with "unavailable" (tests). */
  failTimes?: Partial<Record<keyof RegistrarModule, number>>;
  /** How long the losing registrar has to answer a transfer (default 5 minutes in the sandbox; 5 days at real registries). */
  transferSeconds?: number;
  clock?: () => Date;
};

const NAME = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** "acme.com.vn" → { label: "acme", tld: "com.vn" }; null for names the sandbox does not sell (it sells one label under a known TLD). */
export function splitName(name: string): { label: string; tld: string } | null {
  const n = name.toLowerCase();
  if (!NAME.test(n)) return null;
  // Longest known TLD first ("com.vn" before "vn").
  const parts = n.split(".");
  for (let i = 1; i < parts.length; i++) {
    const tld = parts.slice(i).join(".");
    if (SUPPORTED_TLDS.has(tld)) return i === 1 ? { label: parts[0], tld } : null;
  }
  return null;
}

/** A fresh EPP code: 16 characters from a set that reads unambiguously. */
export function newAuthCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789#+-";
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

const addYears = (date: Date, years: number) => {
  const d = new Date(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
};

export class BuiltinRegistry implements RegistrarModule {
  readonly name = "builtin";
  private readonly client: PrismaClient;
  private readonly delayMs: number;
  private readonly failureRate: number;
  private readonly random: () => number;
  private readonly failTimes: Partial<Record<keyof RegistrarModule, number>>;
  private readonly transferSeconds: number;
  private readonly clock: () => Date;

  constructor(options: BuiltinRegistryOptions = {}) {
    this.client = options.client ?? db;
    this.delayMs = options.delayMs ?? (process.env.NODE_ENV === "test" ? 0 : 200);
    this.failureRate = Math.min(1, Math.max(0, options.failureRate ?? 0));
    this.random = options.random ?? Math.random;
    this.failTimes = { ...options.failTimes };
    this.transferSeconds = options.transferSeconds ?? 300;
    this.clock = options.clock ?? (() => new Date());
  }

  private async call(operation: keyof RegistrarModule, name: string): Promise<void> {
    const scripted = this.failTimes[operation] ?? 0;
    if (scripted > 0) {
      this.failTimes[operation] = scripted - 1;
      throw new RegistrarError("unavailable", `sandbox registry: simulated failure of ${operation} for ${name}`);
    }
    if (this.failureRate > 0 && this.random() < this.failureRate) throw new RegistrarError("unavailable", `sandbox registry: simulated failure of ${operation} for ${name}`);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
  }

  /** The registry's row, settling a transfer whose answer is due (the registry does it on its own clock). */
  private async row(name: string) {
    const row = await this.client.sandboxRegistryDomain.findUnique({ where: { name } });
    if (row?.state === "pending_transfer" && row.transferDueAt && row.transferDueAt <= this.clock()) {
      const approved = row.transferOutcome !== "reject";
      return this.client.sandboxRegistryDomain.update({
        where: { name },
        data: approved
          ? { holder: row.transferTo!, state: "active", expiresAt: addYears(row.expiresAt, 1), transferTo: null, transferDueAt: null, transferOutcome: "approved", authCode: newAuthCode(), locked: true }
          : { state: "active", transferTo: null, transferDueAt: null, transferOutcome: "rejected" },
      });
    }
    return row;
  }

  /** A name on the taken list exists at the registry from the start, held by another registrar. */
  private async rowOrTaken(name: string) {
    const row = await this.row(name);
    if (row) return row;
    const split = splitName(name);
    if (split && TAKEN_LABELS.has(split.label)) {
      return this.client.sandboxRegistryDomain.upsert({
        where: { name },
        update: {},
        create: { name, holder: OTHER_REGISTRAR, expiresAt: addYears(this.clock(), 1), authCode: newAuthCode(), locked: false },
      });
    }
    return null;
  }

  async checkAvailability(names: readonly string[]): Promise<Availability[]> {
    await this.call("checkAvailability", names.join(","));
    const rows = await this.client.sandboxRegistryDomain.findMany({ where: { name: { in: names.map((n) => n.toLowerCase()) } }, select: { name: true, state: true } });
    const held = new Set(rows.filter((r) => r.state !== "deleted").map((r) => r.name));
    return names.map((raw): Availability => {
      const name = raw.toLowerCase();
      const split = splitName(name);
      if (!NAME.test(name)) return { name, available: false, reason: "invalid" };
      if (!split) return { name, available: false, reason: "unsupported" };
      if (held.has(name) || TAKEN_LABELS.has(split.label)) return { name, available: false, reason: "taken" };
      if (RESERVED_LABELS.has(split.label)) return { name, available: false, reason: "reserved" };
      if (split.label.length <= 2) return { name, available: true, premium: true, premiumPriceMinor: PREMIUM_PRICE_MINOR, currency: "EUR" };
      return { name, available: true, premium: false };
    });
  }

  async register(name: string, input: { years: number; nameservers: Nameserver[]; contacts: ContactSet }): Promise<{ expiresAt: Date; created: boolean }> {
    await this.call("register", name);
    const split = splitName(name);
    if (!split) throw new RegistrarError("invalid_input", `${name} is not a name this registry sells`);
    if (!Number.isInteger(input.years) || input.years < 1 || input.years > 10) throw new RegistrarError("invalid_input", "years must be 1–10");
    if (RESERVED_LABELS.has(split.label)) throw new RegistrarError("reserved", `${name} is reserved`);
    const existing = await this.rowOrTaken(name);
    if (existing && existing.state !== "deleted") {
      if (existing.holder === SANDBOX_HOLDER) return { expiresAt: existing.expiresAt, created: false };
      throw new RegistrarError("taken", `${name} is registered elsewhere`);
    }
    const expiresAt = addYears(this.clock(), input.years);
    const data = { holder: SANDBOX_HOLDER, state: "active" as const, expiresAt, locked: true, nameservers: input.nameservers, authCode: newAuthCode(), transferTo: null, transferDueAt: null, transferOutcome: null };
    // A concurrent register of the same name: the primary key lets one win; the other sees "ours" on retry.
    await this.client.sandboxRegistryDomain.upsert({ where: { name }, update: data, create: { name, ...data } });
    return { expiresAt, created: true };
  }

  async requestTransfer(name: string, input: { authCode: string; years: number }): Promise<TransferState> {
    await this.call("requestTransfer", name);
    const row = await this.rowOrTaken(name);
    if (!row || row.state === "deleted") throw new RegistrarError("not_found", `${name} is not registered`);
    if (row.holder === SANDBOX_HOLDER) return { state: "completed", expiresAt: row.expiresAt };
    if (row.state === "pending_transfer" && row.transferTo === SANDBOX_HOLDER) return { state: "pending", dueAt: row.transferDueAt! };
    // A registry refuses a locked name at once (clientTransferProhibited): the holder unlocks it first.
    if (row.locked) throw new RegistrarError("locked", `${name} is locked at its registrar`);
    if (input.authCode !== row.authCode) throw new RegistrarError("wrong_auth_code", `wrong auth code for ${name}`);
    const dueAt = new Date(this.clock().getTime() + this.transferSeconds * 1000);
    await this.client.sandboxRegistryDomain.update({ where: { name }, data: { state: "pending_transfer", transferTo: SANDBOX_HOLDER, transferDueAt: dueAt } });
    return { state: "pending", dueAt };
  }

  async transferState(name: string): Promise<TransferState> {
    await this.call("transferState", name);
    const row = await this.row(name);
    if (!row) throw new RegistrarError("not_found", `${name} is not registered`);
    if (row.state === "pending_transfer") return { state: "pending", dueAt: row.transferDueAt! };
    if (row.holder === SANDBOX_HOLDER) return { state: "completed", expiresAt: row.expiresAt };
    return { state: "rejected" };
  }

  private async ours(name: string) {
    const row = await this.rowOrTaken(name);
    if (!row || row.state === "deleted") throw new RegistrarError("not_found", `${name} is not registered`);
    if (row.holder !== SANDBOX_HOLDER) throw new RegistrarError("not_ours", `${name} is held by another registrar`);
    return row;
  }

  async renew(name: string, input: { years: number; expectedExpiresAt: Date }): Promise<{ expiresAt: Date }> {
    await this.call("renew", name);
    const row = await this.ours(name);
    // EPP renew carries the current expiry date: a repeated request (the first one's answer was lost) is refused, not renewed twice.
    if (Math.abs(row.expiresAt.getTime() - input.expectedExpiresAt.getTime()) >= DAY_MS) {
      if (Math.abs(row.expiresAt.getTime() - addYears(input.expectedExpiresAt, input.years).getTime()) < DAY_MS) return { expiresAt: row.expiresAt };
      throw new RegistrarError("invalid_input", `${name} expires on ${row.expiresAt.toISOString().slice(0, 10)}, not ${input.expectedExpiresAt.toISOString().slice(0, 10)}`);
    }
    const expiresAt = addYears(row.expiresAt, input.years);
    if (expiresAt.getTime() > addYears(this.clock(), 10).getTime()) throw new RegistrarError("invalid_input", `${name} cannot be registered beyond 10 years`);
    await this.client.sandboxRegistryDomain.update({ where: { name }, data: { expiresAt, state: "active" } });
    return { expiresAt };
  }

  async setNameservers(name: string, nameservers: Nameserver[]): Promise<void> {
    await this.call("setNameservers", name);
    await this.ours(name);
    await this.client.sandboxRegistryDomain.update({ where: { name }, data: { nameservers } });
  }

  async setContacts(name: string, _contacts: ContactSet): Promise<void> {
    await this.call("setContacts", name);
    await this.ours(name);
  }

  async setLock(name: string, locked: boolean): Promise<void> {
    await this.call("setLock", name);
    await this.ours(name);
    await this.client.sandboxRegistryDomain.update({ where: { name }, data: { locked } });
  }

  async getAuthCode(name: string): Promise<string> {
    await this.call("getAuthCode", name);
    return (await this.ours(name)).authCode;
  }

  async info(name: string): Promise<RegistryInfo | null> {
    await this.call("info", name);
    const row = await this.rowOrTaken(name);
    if (!row || row.state === "deleted") return null;
    const holder = row.holder === SANDBOX_HOLDER ? "ours" : row.state === "pending_transfer" && row.transferTo === SANDBOX_HOLDER ? "pending_transfer" : "away";
    return { name, holder, expiresAt: row.expiresAt, locked: row.locked, nameservers: (row.nameservers as Nameserver[] | null) ?? [] };
  }
}
