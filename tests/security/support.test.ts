// The support desk over HTTP against the built app: tickets and their attachments answer 404 to
// anyone who may not see them (another customer, a contact without tickets.view, a customer asking
// for an internal note's file), and downloads are served as attachments that cannot run in the page.
import { db } from "@/lib/db";
import { storeAttachments, validateUploads } from "@/lib/support/attachments";
import fs from "node:fs";
import { STAFF_ROLES, type StaffPermission, type StaffRoleKey } from "@/lib/auth/permissions";
import { BASE_URL, get, sessionCookie, verifiedSessionCookie } from "@/tests/helpers/http-login";
import { DEFAULT_TEST_PASSWORD, addMember, createCustomerWithOwner, createTicket, createUser } from "@/tests/helpers/factories";

const DIST = process.env.NEXT_DIST_DIR || ".next";

async function attach(ticketId: string, opts: { internal: boolean; fileName: string; bytes: Buffer }) {
  const message = await db.ticketMessage.create({
    data: { ticketId, authorKind: opts.internal ? "staff" : "customer", authorName: "Someone", body: "see file", internal: opts.internal },
  });
  const valid = validateUploads([{ name: opts.fileName, bytes: opts.bytes }]);
  if (!valid.ok) throw new Error(`test file refused: ${JSON.stringify(valid.errors)}`);
  const [stored] = await db.$transaction((tx) => storeAttachments(tx, { ticketId, messageId: message.id, files: valid.files }));
  return stored;
}

let mine: Awaited<ReturnType<typeof createCustomerWithOwner>>;
let theirs: Awaited<ReturnType<typeof createCustomerWithOwner>>;
let ticket: { id: string; number: string };
let publicFile: { id: string };
let noteFile: { id: string };
const cookies: Record<"owner" | "noTickets" | "other", string> = { owner: "", noTickets: "", other: "" };

beforeAll(async () => {
  mine = await createCustomerWithOwner(db);
  theirs = await createCustomerWithOwner(db);
  const noTickets = await createUser(db);
  await addMember(db, noTickets.id, mine.customer.id, { permissions: ["services.view", "billing.view"] });
  ticket = await createTicket(db, mine.customer.id, { subject: "Logs attached", status: "answered" });
  publicFile = await attach(ticket.id, { internal: false, fileName: 'error "log".txt', bytes: Buffer.from("<script>alert(1)</script>\nGET / 500\n") });
  noteFile = await attach(ticket.id, { internal: true, fileName: "internal.txt", bytes: Buffer.from("staff only\n") });
  cookies.owner = await sessionCookie(mine.owner.email, DEFAULT_TEST_PASSWORD);
  cookies.noTickets = await sessionCookie(noTickets.email, DEFAULT_TEST_PASSWORD);
  cookies.other = await sessionCookie(theirs.owner.email, DEFAULT_TEST_PASSWORD);
});

const fileUrl = (id: string) => `/support/tickets/${ticket.number}/attachments/${id}`;

describe("ticket attachments", () => {
  it("download for a contact who may see the ticket, as an attachment that is never sniffed or rendered", async () => {
    const res = await get(fileUrl(publicFile.id), cookies.owner);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(res.headers.get("content-disposition")).not.toMatch(/[\r\n]/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(await res.text()).toContain("GET / 500");
  });

  it("answer 404 to a contact without tickets.view, to another customer, and for an internal note's file", async () => {
    for (const [who, url] of [
      ["noTickets", fileUrl(publicFile.id)],
      ["noTickets", `/support/tickets/${ticket.number}`],
      ["other", fileUrl(publicFile.id)],
      ["other", `/support/tickets/${ticket.number}`],
      ["owner", fileUrl(noteFile.id)],
      ["owner", fileUrl("not-a-uuid")],
      ["owner", `/support/tickets/T-0/attachments/${publicFile.id}`],
    ] as const) {
      expect([who, url, (await get(url, cookies[who])).status]).toEqual([who, url, 404]);
    }
  });

  it("a file of another ticket is not served under this ticket's number", async () => {
    const otherTicket = await createTicket(db, theirs.customer.id, { subject: "Theirs" });
    const theirFile = await attach(otherTicket.id, { internal: false, fileName: "theirs.txt", bytes: Buffer.from("secret\n") });
    expect((await get(fileUrl(theirFile.id), cookies.owner)).status).toBe(404);
  });

  it("anonymous requests are sent to sign in; customers never reach the staff download", async () => {
    const anonymous = await get(fileUrl(publicFile.id));
    expect([302, 303, 307, 308]).toContain(anonymous.status);
    expect(new URL(anonymous.headers.get("location")!, BASE_URL()).pathname).toBe("/login");
    const staffUrl = `/admin/tickets/${ticket.number}/attachments/${publicFile.id}`;
    const res = await get(staffUrl, cookies.owner);
    expect(res.status).not.toBe(200);
  });
});

/** Which staff permission opens each part of the staff area (the same as lib/admin/navigation.ts). */
const ADMIN_AREAS: [prefix: string, permission: StaffPermission][] = [
  ["/admin/tickets", "staff.tickets"],
  ["/admin/kb", "staff.tickets"],
  ["/admin/invoices", "staff.billing"],
  ["/admin/quotes", "staff.billing"],
  ["/admin/catalog", "staff.catalog"],
  ["/admin/services", "staff.services"],
  ["/admin/domains", "staff.customers"],
  ["/admin/customers", "staff.customers"],
  ["/admin/network", "staff.settings"],
  ["/admin/settings/servers", "staff.settings"],
  ["/admin/settings", "staff.settings"],
];

function adminPages(): string[] {
  const manifest = JSON.parse(fs.readFileSync(`${DIST}/server/app-paths-manifest.json`, "utf8")) as Record<string, string>;
  return [...new Set(Object.keys(manifest).filter((k) => k.endsWith("/page")).map((k) => k.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "")))]
    .filter((route) => route.startsWith("/admin/") && !route.includes("["))
    .sort();
}

describe("staff pages by role", () => {
  const cookies: Partial<Record<StaffRoleKey, string>> = {};
  beforeAll(async () => {
    for (const role of Object.keys(STAFF_ROLES) as StaffRoleKey[]) {
      const user = await createUser(db, { staffRole: role, totpSecret: "JBSWY3DPEHPK3PXP" });
      cookies[role] = await verifiedSessionCookie(user.email);
    }
  });

  it("every staff page of the build belongs to an area with a permission", () => {
    const pages = adminPages();
    expect(pages).toEqual(expect.arrayContaining(["/admin/tickets", "/admin/kb", "/admin/network"]));
    for (const page of pages) expect([page, ADMIN_AREAS.some(([prefix]) => page === prefix || page.startsWith(`${prefix}/`))]).toEqual([page, true]);
  });

  it("each page opens for the roles holding its permission and is a 404 for the others", async () => {
    for (const page of adminPages()) {
      const permission = ADMIN_AREAS.find(([prefix]) => page === prefix || page.startsWith(`${prefix}/`))![1];
      for (const role of Object.keys(STAFF_ROLES) as StaffRoleKey[]) {
        const expected = (STAFF_ROLES[role] as readonly string[]).includes(permission) ? 200 : 404;
        expect([page, role, (await get(page, cookies[role])).status]).toEqual([page, role, expected]);
      }
    }
  });

  it("a billing clerk cannot open a Technical ticket, nor its files", async () => {
    const technical = await createTicket(db, mine.customer.id, { subject: "Kernel panic" });
    const file = await attach(technical.id, { internal: false, fileName: "panic.txt", bytes: Buffer.from("panic\n") });
    expect((await get(`/admin/tickets/${technical.number}`, cookies.billing_clerk)).status).toBe(404);
    expect((await get(`/admin/tickets/${technical.number}/attachments/${file.id}`, cookies.billing_clerk)).status).toBe(404);
    expect((await get(`/admin/tickets/${technical.number}`, cookies.support_agent)).status).toBe(200);
    expect((await get(`/admin/tickets/${technical.number}/attachments/${file.id}`, cookies.support_agent)).status).toBe(200);
  });
});
