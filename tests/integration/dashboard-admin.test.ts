// The staff dashboard: panels by staff role, data across customers, permission checks in lib/admin.
import { db } from "@/lib/db";


import { PermissionDenied } from "@/lib/auth/errors";
import { getStaffDashboard, newestCustomers, openTicketsByDepartment, overdueInvoices } from "@/lib/admin/queries";
import { staffActorFor } from "@/tests/helpers/actors";
import { createCustomer, createInvoice, createTicket, createUser, ensureDepartment, unique } from "@/tests/helpers/factories";

const NOW = new Date("2026-06-10T12:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function staff(role: "administrator" | "support_agent" | "billing_clerk") {
  return staffActorFor((await createUser(db, { staffRole: role })).id);
}

describe("panels by role", () => {
  it("administrator sees tickets, overdue invoices and new customers", async () => {
    const d = await getStaffDashboard(await staff("administrator"), NOW);
    expect(d.tickets).not.toBeNull();
    expect(d.invoices).not.toBeNull();
    expect(d.customers).not.toBeNull();
  });

  it("support agent sees no invoice panel and may not load it", async () => {
    const agent = await staff("support_agent");
    const d = await getStaffDashboard(agent, NOW);
    expect(d.invoices).toBeNull();
    expect(d.tickets).not.toBeNull();
    expect(d.customers).toBeNull(); // "sees tickets only"
    await expect(overdueInvoices(agent, NOW)).rejects.toBeInstanceOf(PermissionDenied);
  });

  it("billing clerk sees overdue invoices", async () => {
    const d = await getStaffDashboard(await staff("billing_clerk"), NOW);
    expect(d.invoices).not.toBeNull();
  });
});

describe("data", () => {
  it("counts tickets that are not closed, per department", async () => {
    const admin = await staff("administrator");
    const department = await ensureDepartment(db, unique("dept"), "Zz Test department");
    const a = await createCustomer(db);
    const b = await createCustomer(db);
    for (const status of ["open", "answered", "customer_reply", "in_progress", "on_hold", "closed", "closed"] as const) {
      await createTicket(db, a.id, { departmentId: department.id, status });
    }
    await createTicket(db, b.id, { departmentId: department.id, status: "open" });
    const result = await openTicketsByDepartment(admin);
    expect(result.departments.find((d) => d.id === department.id)).toEqual({ id: department.id, name: "Zz Test department", open: 6 });
  });

  it("totals overdue invoices per currency and lists the oldest first", async () => {
    const admin = await staff("administrator");
    const before = await overdueInvoices(admin, NOW);
    const customer = await createCustomer(db, { name: unique("Overdue Ltd") });
    const oldest = await createInvoice(db, customer.id, { status: "unpaid", currency: "CHF", totalMinor: 1_000, dueDate: day("2000-01-01") });
    await createInvoice(db, customer.id, { status: "unpaid", currency: "CHF", totalMinor: 2_500, dueDate: day("2026-06-09") });
    await createInvoice(db, customer.id, { status: "unpaid", currency: "CHF", totalMinor: 9_999, dueDate: day("2026-06-10") }); // due today
    await createInvoice(db, customer.id, { status: "paid", currency: "CHF", totalMinor: 9_999, dueDate: day("2026-01-01") });
    const after = await overdueInvoices(admin, NOW);
    const chf = (r: typeof after) => r.totals.find((t) => t.currency === "CHF") ?? { totalMinor: BigInt(0), count: 0 };
    expect(after.count - before.count).toBe(2);
    expect(chf(after).totalMinor - chf(before).totalMinor).toBe(BigInt(3_500));
    expect(after.oldest[0]).toMatchObject({ id: oldest.id, customerId: customer.id, customerName: customer.name });
    expect(after.oldest.length).toBeLessThanOrEqual(10);
  });

  it("lists the newest customers, ten at most", async () => {
    const admin = await staff("administrator");
    const created = [];
    for (let i = 0; i < 12; i++) created.push(await createCustomer(db, { createdAt: new Date(Date.now() + 60_000 + i * 1000) }));
    const list = await newestCustomers(admin);
    expect(list.map((c) => c.id)).toEqual(created.slice(-10).reverse().map((c) => c.id));
    expect(Object.keys(list[0]).sort()).toEqual(["contractNumber", "createdAt", "email", "id", "name"]);
  });
});
