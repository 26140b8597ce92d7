"use server";

import { revalidatePath } from "next/cache";
import { fail, ok } from "@/lib/actions/result";
import { customerAction } from "@/lib/actions/safe-action";
import { currentRequestInfo } from "@/lib/auth/request-info";
import type { DnsRecord } from "@/lib/dns/records";
import { importZoneSchema, saveZoneSchema } from "@/lib/dns/zone-schemas";
import { ZoneError, previewZoneImport, saveZone } from "@/lib/dns/zones";

// The zone editor's actions (dns.manage); lib/dns/zones scopes the domain to the actor's customer.

/** Problems per record as "index.field" → message key, for the editor to put next to each field. */
const problemMap = (error: ZoneError) => Object.fromEntries(error.problems.map((p) => [`records.${p.index}.${p.problem.field}`, p.problem.key]));

export const saveZoneAction = customerAction(saveZoneSchema, "dns.manage", async (actor, input) => {
  try {
    const result = await saveZone(actor, input, await currentRequestInfo());
    revalidatePath(`/domains/${input.domainId}/dns`);
    return ok(result);
  } catch (error) {
    if (error instanceof ZoneError) return fail(error.key, problemMap(error));
    throw error;
  }
});

export type ImportPreview = { records: DnsRecord[]; problems: { line: number; key: string; text: string }[]; skipped: { line: number; type: string }[] };

export const previewImportAction = customerAction(importZoneSchema, "dns.manage", async (actor, { domainId, text }) => {
  const preview = await previewZoneImport(actor, domainId, text);
  if (!preview) return fail("errors.notFound");
  return ok<ImportPreview>({ records: preview.records, problems: preview.problems, skipped: preview.skipped });
});
