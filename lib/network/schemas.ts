// One schema per form, shared by react-hook-form on the client and the server action.
// Messages are keys under the "kb" namespace (messages/<locale>/kb.json).
import { z } from "zod";
import { isLocalDateTime } from "./zoned-time";

export const NETWORK_ISSUE_KINDS = ["maintenance", "incident"] as const;
export type NetworkIssueKindName = (typeof NETWORK_ISSUE_KINDS)[number];

/** The statuses each kind goes through, in order; the last ones close it. */
export const STATUSES_BY_KIND = {
  maintenance: ["scheduled", "in_progress", "completed"],
  incident: ["investigating", "identified", "monitoring", "resolved"],
} as const satisfies Record<NetworkIssueKindName, readonly string[]>;

export const NETWORK_ISSUE_STATUSES = [...STATUSES_BY_KIND.maintenance, ...STATUSES_BY_KIND.incident] as const;
export type NetworkIssueStatusName = (typeof NETWORK_ISSUE_STATUSES)[number];

/** Statuses after which an issue is over (shown under "Past"). */
export const CLOSED_STATUSES = ["completed", "resolved"] as const satisfies readonly NetworkIssueStatusName[];

export function statusFitsKind(kind: NetworkIssueKindName, status: string): boolean {
  return (STATUSES_BY_KIND[kind] as readonly string[]).includes(status);
}

const localDateTime = z.string().trim().refine(isLocalDateTime, "errors.dateInvalid");

export const networkIssueSchema = z
  .object({
    id: z.guid().optional(),
    kind: z.enum(NETWORK_ISSUE_KINDS, "errors.invalidChoice"),
    title: z.string().trim().min(3, "errors.titleTooShort").max(200, "errors.titleTooLong"),
    body: z.string().trim().min(1, "errors.bodyRequired").max(20_000, "errors.bodyTooLong"),
    status: z.enum(NETWORK_ISSUE_STATUSES, "errors.invalidChoice"),
    /** datetime-local values on the staff member's wall clock (converted on the server). */
    startsAt: localDateTime,
    endsAt: z.union([z.literal(""), localDateTime]),
    serverIds: z.array(z.guid("errors.invalidChoice")).max(500, "errors.invalidChoice"),
    /** Email the contacts of affected customers now (each contact once per issue, however often it is ticked). */
    notify: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (!statusFitsKind(v.kind, v.status)) ctx.addIssue({ code: "custom", path: ["status"], message: "errors.statusForKind" });
    // Same format and zone on both sides, so the strings compare like the times.
    if (v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "errors.endBeforeStart" });
  });
export type NetworkIssueInput = z.infer<typeof networkIssueSchema>;

export const networkStatusUpdateSchema = z.object({
  issueId: z.guid("errors.notFound"),
  status: z.enum(NETWORK_ISSUE_STATUSES, "errors.invalidChoice"),
  body: z.string().trim().min(1, "errors.bodyRequired").max(5_000, "errors.bodyTooLong"),
});
export type NetworkStatusUpdateInput = z.infer<typeof networkStatusUpdateSchema>;

export const networkIssueIdSchema = z.object({ id: z.guid("errors.notFound") });

/** `?page=…` (the page of past issues); anything unexpected is page 1. */
export const networkListParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
