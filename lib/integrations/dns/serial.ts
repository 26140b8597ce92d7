/** The next SOA serial in the YYYYMMDDnn convention: today's first, or one more than the last (RFC 1912 §2.2). */
export function nextSerial(previous: bigint, now: Date = new Date()): bigint {
  const today = BigInt(Number(now.toISOString().slice(0, 10).replace(/-/g, ""))) * 100n;
  return previous >= today ? previous + 1n : today;
}
