import "server-only";
import { db } from "@/lib/db";
import type { DnsRecord, RecordType } from "@/lib/dns/records";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DnsBackendError, type DnsBackend, type ZoneSnapshot } from "./dns-backend";
import { nextSerial } from "./serial";

/** Zones in Postgres (DnsZone, DnsRecord): a save is one transaction that replaces the records and bumps the serial. */
export class BuiltinDnsBackend implements DnsBackend {
  readonly name = "builtin";
  constructor(private readonly client: PrismaClient = db) {}

  async ensureZone(zone: string, _nameservers: readonly string[]): Promise<void> {
    await this.client.dnsZone.upsert({ where: { name: zone }, update: {}, create: { name: zone, backend: this.name, serial: nextSerial(0n) } });
  }

  async getZone(zone: string): Promise<ZoneSnapshot | null> {
    const row = await this.client.dnsZone.findUnique({ where: { name: zone }, select: { serial: true, records: { orderBy: [{ name: "asc" }, { type: "asc" }, { priority: "asc" }, { content: "asc" }] } } });
    if (!row) return null;
    return { serial: row.serial, records: row.records.map((r) => ({ name: r.name, type: r.type as RecordType, ttl: r.ttl, content: r.content, priority: r.priority })) };
  }

  async replaceRecords(zone: string, records: readonly DnsRecord[]): Promise<{ serial: bigint }> {
    return this.client.$transaction(async (tx) => {
      // The zone row's lock orders concurrent saves: each replaces the whole set after the other.
      const [locked] = await tx.$queryRaw<{ id: string; serial: bigint }[]>`SELECT "id", "serial" FROM "DnsZone" WHERE "name" = ${zone} FOR UPDATE`;
      if (!locked) throw new DnsBackendError("not_found", `zone ${zone} does not exist`);
      await tx.dnsRecord.deleteMany({ where: { zoneId: locked.id } });
      await tx.dnsRecord.createMany({ data: records.map((r) => ({ zoneId: locked.id, name: r.name, type: r.type, ttl: r.ttl, content: r.content, priority: r.priority })) });
      const serial = nextSerial(BigInt(locked.serial));
      await tx.dnsZone.update({ where: { id: locked.id }, data: { serial } });
      return { serial };
    });
  }
}
