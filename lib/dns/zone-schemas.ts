// The zone editor's form, shared by the client and the server action. Messages are keys of the
// "dns" namespace; the record rules themselves are lib/dns/records.ts (checked on both sides).
import { z } from "zod";
import { RECORD_TYPES, TTL_MAX, TTL_MIN } from "./records";

export const MAX_RECORDS = 1_000;

export const recordInputSchema = z.object({
  name: z.string().trim().toLowerCase().max(253, { message: "errors.name" }),
  type: z.enum(RECORD_TYPES, { message: "errors.type" }),
  ttl: z.coerce.number({ message: "errors.ttl" }).int({ message: "errors.ttl" }).min(TTL_MIN, { message: "errors.ttl" }).max(TTL_MAX, { message: "errors.ttl" }),
  content: z.string().trim().min(1, { message: "errors.contentRequired" }).max(4_100, { message: "errors.txtLong" }),
  // An empty field is "no priority" (not 0): only MX and SRV records have one.
  priority: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number({ message: "errors.priority" }).int({ message: "errors.priority" }).min(0, { message: "errors.priority" }).max(65_535, { message: "errors.priority" }).nullable()),
});

export const saveZoneSchema = z.object({
  domainId: z.guid({ message: "errors.notFound" }),
  /** The serial the editor loaded: a save over someone else's newer save is refused, not merged blindly. */
  serial: z.string().regex(/^\d+$/, { message: "errors.zoneChanged" }),
  records: z.array(recordInputSchema).max(MAX_RECORDS, { message: "errors.tooMany" }),
});
export type SaveZoneInput = z.input<typeof saveZoneSchema>;

export const importZoneSchema = z.object({
  domainId: z.guid({ message: "errors.notFound" }),
  text: z.string().min(1, { message: "errors.import.empty" }).max(500_000, { message: "errors.import.tooLong" }),
});
