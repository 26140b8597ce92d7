// Support desk demo data: the two seeded departments with their calendars and SLA targets, canned
// replies, and a conversation behind every demo ticket. Called by prisma/seed.ts inside its transaction.
import type { Prisma, TicketPriority, TicketStatus } from "@/lib/generated/prisma/client";
import { calendarFromRow, dueAtFor } from "@/lib/support/sla";
import { addBusinessMinutes } from "@/lib/support/business-time";
import { newReplyToken, nextTicketNumber } from "@/lib/support/identifiers";

type Tx = Prisma.TransactionClient;

/** Vietnamese public holidays the Sales & Billing desk (Ho Chi Minh City) is closed on. */
export const VN_PUBLIC_HOLIDAYS = [
  "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-26", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02",
  "2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-04-16", "2027-04-30", "2027-05-01", "2027-09-02", "2027-09-03",
];

const SALES_HOURS = [1, 2, 3, 4, 5].map((day) => ({ day, start: "08:00", end: "17:00" })).concat([{ day: 6, start: "08:00", end: "11:30" }]);

/** Minutes: first response, next response. */
const SLA: Record<"technical" | "sales-billing", Record<TicketPriority, [number, number]>> = {
  technical: { urgent: [30, 30], normal: [60, 60], low: [120, 120] },
  "sales-billing": { urgent: [60, 60], normal: [120, 120], low: [240, 240] },
};

export async function seedSupportDesk(tx: Tx) {
  const alwaysOpen = await tx.businessCalendar.create({ data: { name: "24/7", timeZone: "Asia/Ho_Chi_Minh", alwaysOpen: true } });
  const office = await tx.businessCalendar.create({
    data: { name: "Office hours (Ho Chi Minh City)", timeZone: "Asia/Ho_Chi_Minh", weeklyHours: SALES_HOURS, holidays: VN_PUBLIC_HOLIDAYS },
  });
  const technical = await tx.department.upsert({
    where: { slug: "technical" },
    update: { calendarId: alwaysOpen.id, email: "support@demo.portico.test", position: 1 },
    create: { slug: "technical", name: "Technical", calendarId: alwaysOpen.id, email: "support@demo.portico.test", position: 1 },
  });
  const sales = await tx.department.upsert({
    where: { slug: "sales-billing" },
    update: { calendarId: office.id, email: "billing@support.demo.portico.test", position: 2 },
    create: { slug: "sales-billing", name: "Sales & Billing", calendarId: office.id, email: "billing@support.demo.portico.test", position: 2 },
  });
  const departments = { technical, "sales-billing": sales };
  for (const [slug, targets] of Object.entries(SLA) as [keyof typeof SLA, Record<TicketPriority, [number, number]>][]) {
    for (const [priority, [first, next]] of Object.entries(targets) as [TicketPriority, [number, number]][]) {
      // Upsert like the departments: an install (or a test database) may already have these departments and targets.
      await tx.slaPolicy.upsert({
        where: { departmentId_priority: { departmentId: departments[slug].id, priority } },
        update: { firstResponseMinutes: first, nextResponseMinutes: next },
        create: { departmentId: departments[slug].id, priority, firstResponseMinutes: first, nextResponseMinutes: next },
      });
    }
  }
  await tx.cannedReply.createMany({
    data: [
      { title: "Greeting", body: "Hello {{contact.name}},\n\nthank you for contacting us about ticket {{ticket.number}}.\n\n" },
      { title: "Closing: anything else?", body: "Is there anything else we can help you with? If not, we will close this ticket in a few days.\n\nBest regards,\n{{staff.name}}" },
      {
        title: "SPF and DKIM for our mail servers",
        body: "Hello {{contact.name}},\n\nplease add these records:\n\n- `TXT @ \"v=spf1 include:_spf.portico.example ~all\"`\n- `TXT portico._domainkey` with the key from the control panel\n\nChanges are live within an hour.",
        departmentId: technical.id,
      },
      { title: "Invoice copy sent", body: "Hello {{contact.name}},\n\nwe have sent a corrected copy of the invoice for {{customer.name}} to your billing address.", departmentId: sales.id },
    ],
  });
  return departments;
}

export type DemoTicket = {
  customerId: string;
  departmentId: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  openedAt: Date;
  lastReplyAt: Date;
  /** The contact who opened it; id null for a customer without a portal login (mail from the company address). */
  contact: { id: string | null; name: string; email: string };
  agent: { id: string; name: string };
  assign?: boolean;
};

const staffAnswer = (subject: string) =>
  `Thank you, we are looking into “${subject}”.\n\nWe will update this ticket as soon as we know more.`;

/**
 * One demo ticket with a believable thread for its status: staff answered tickets have an answer
 * last, customer replies a customer message last; due times follow the department's SLA.
 */
export async function createDemoTicket(tx: Tx, t: DemoTicket) {
  const department = await tx.department.findUniqueOrThrow({ where: { id: t.departmentId }, include: { calendar: true, slaPolicies: true } });
  const policy = department.slaPolicies.find((p) => p.priority === t.priority);
  const targets = policy ? { calendar: calendarFromRow(department.calendar), firstResponseMinutes: policy.firstResponseMinutes, nextResponseMinutes: policy.nextResponseMinutes } : null;
  const staffAnswered = t.status !== "open";
  const firstAnswerAt = targets ? addBusinessMinutes(t.openedAt, Math.min(20, targets.firstResponseMinutes), targets.calendar) : t.openedAt;
  const answerAt = firstAnswerAt < t.lastReplyAt ? firstAnswerAt : t.lastReplyAt;
  const awaitingStaff = t.status === "open" || t.status === "customer_reply" || t.status === "in_progress";
  const ticket = await tx.ticket.create({
    data: {
      number: await nextTicketNumber(tx),
      replyToken: newReplyToken(),
      customerId: t.customerId,
      departmentId: t.departmentId,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      contactUserId: t.contact.id,
      source: t.contact.id ? "portal" : "email",
      assigneeId: t.assign ? t.agent.id : null,
      firstRespondedAt: staffAnswered ? answerAt : null,
      dueAt: awaitingStaff ? dueAtFor(targets, t.lastReplyAt, staffAnswered) : null,
      closedAt: t.status === "closed" ? t.lastReplyAt : null,
      rating: t.status === "closed" ? 5 : null,
      ratedAt: t.status === "closed" ? t.lastReplyAt : null,
      createdAt: t.openedAt,
      lastReplyAt: t.lastReplyAt,
    },
  });
  const customer = { authorKind: "customer" as const, authorUserId: t.contact.id, authorName: t.contact.name, authorEmail: t.contact.email };
  const staff = { authorKind: "staff" as const, authorUserId: t.agent.id, authorName: t.agent.name, authorEmail: null };
  const messages: Prisma.TicketMessageCreateManyInput[] = [
    { ticketId: ticket.id, ...customer, body: `Hello,\n\n${t.subject}. Could you please help us with this?\n\nThank you.`, createdAt: t.openedAt },
  ];
  if (staffAnswered) messages.push({ ticketId: ticket.id, ...staff, body: staffAnswer(t.subject), createdAt: answerAt });
  if (t.status === "in_progress" || t.status === "on_hold") {
    messages.push({ ticketId: ticket.id, ...staff, internal: true, body: "Internal: checked the logs, waiting for the platform team.", createdAt: new Date(answerAt.getTime() + 60_000) });
  }
  if (t.status === "customer_reply") messages.push({ ticketId: ticket.id, ...customer, body: "Thanks. Any news on this? It is getting urgent for us.", createdAt: t.lastReplyAt });
  if (t.status === "closed") messages.push({ ticketId: ticket.id, authorKind: "system", authorUserId: t.contact.id, authorName: t.contact.name, body: "closed", createdAt: t.lastReplyAt });
  await tx.ticketMessage.createMany({ data: messages });
  return ticket;
}
