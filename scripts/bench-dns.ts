// `npm run bench -- --scenario=dns` (issue 6): saving a 500-record zone to a real PowerDNS
// Authoritative through Portico's backend (one PATCH per save, all rrsets replaced or deleted).
// Starts pdns_server on loopback (Debian: pdns-server, pdns-backend-sqlite3, sqlite3), creates a
// zone, then saves it --saves times, each time with every record changed, and prints the time per
// save (p50/p95/max) and the records per second. Flags: --records=500 --saves=20
import { parseArgs } from "node:util";
import type { DnsRecord } from "@/lib/dns/records";
import { PowerDnsBackend } from "@/lib/integrations/dns/powerdns";
import { powerDnsInstalled, startPowerDns } from "@/tests/helpers/powerdns";

const log = (message: string) => console.log(`[bench:dns] ${message}`);

function zoneRecords(count: number, round: number): DnsRecord[] {
  const records: DnsRecord[] = [];
  for (let i = 0; records.length < count; i++) {
    const host = `h${i}`;
    records.push({ name: host, type: "A", ttl: 300, content: `10.${round % 250}.${Math.floor(i / 250)}.${(i % 250) + 1}`, priority: null });
    if (records.length < count) records.push({ name: host, type: "TXT", ttl: 300, content: `round=${round} host=${i}`, priority: null });
  }
  return records;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const { values } = parseArgs({ options: { records: { type: "string", default: "500" }, saves: { type: "string", default: "20" } } });
  const count = Number(values.records);
  const saves = Number(values.saves);
  if (!Number.isInteger(count) || count < 10 || count > 10_000) throw new Error("--records must be 10–10,000");
  if (!Number.isInteger(saves) || saves < 1 || saves > 1_000) throw new Error("--saves must be 1–1,000");
  if (!powerDnsInstalled()) throw new Error("PowerDNS is not installed (apt-get install -y pdns-server pdns-backend-sqlite3 sqlite3)");
  const pdns = await startPowerDns();
  try {
    const backend = new PowerDnsBackend({ apiUrl: pdns.apiUrl, apiKey: pdns.apiKey });
    const zone = "bench-zone.example";
    await backend.ensureZone(zone, ["ns1.portico.test", "ns2.portico.test"]);
    await backend.replaceRecords(zone, zoneRecords(count, 0));
    const times: number[] = [];
    for (let round = 1; round <= saves; round++) {
      const records = zoneRecords(count, round);
      const started = performance.now();
      await backend.replaceRecords(zone, records);
      times.push(performance.now() - started);
    }
    const check = await backend.getZone(zone);
    if (check?.records.length !== count) throw new Error(`the zone has ${check?.records.length} records, expected ${count}`);
    const sorted = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(`\nPortico benchmark · dns · PowerDNS ${pdns.apiUrl}; a ${count}-record zone saved ${saves} times (every record changed each time)`);
    console.log(`   time per save: mean ${mean.toFixed(1)} ms, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    console.log(`   ${((count * 1000) / mean).toFixed(0)} records per second; serial after the last save: ${check.serial}`);
  } finally {
    await pdns.stop();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
