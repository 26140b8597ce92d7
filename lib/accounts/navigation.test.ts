import type { CustomerActor, StaffActor } from "@/lib/auth/actor-types";
import { PRESETS, STAFF_ROLES, type CustomerPermission, type StaffPermission } from "@/lib/auth/permissions";
import { staffNavigation } from "@/lib/admin/navigation";
import { accountNavigation, portalNavigation } from "./navigation";

const base = { userId: "u", sessionId: "s", email: "a@example.test", name: "A", locale: "en", timeZone: "UTC", twoFactorEnabled: false };

function customer(permissions: readonly CustomerPermission[]): CustomerActor {
  return { ...base, kind: "customer", customerId: "c", customerName: "C", contractNumber: "C-1", isOwner: false, permissions: new Set(permissions), memberships: [] };
}

function staff(role: keyof typeof STAFF_ROLES): StaffActor {
  return { ...base, kind: "staff", role, permissions: new Set<StaffPermission>(STAFF_ROLES[role]), ticketDepartments: null };
}

const keys = (items: { key: string }[]) => items.map((i) => i.key);

describe("portalNavigation", () => {
  it("shows the owner every section", () => {
    expect(keys(portalNavigation(customer(PRESETS.owner)))).toEqual(["dashboard", "services", "domains", "billing", "support", "account"]);
  });

  it("shows a billing contact no services or domains", () => {
    expect(keys(portalNavigation(customer(PRESETS.billing)))).toEqual(["dashboard", "billing", "support", "account"]);
  });

  it("shows a technical contact no billing", () => {
    expect(keys(portalNavigation(customer(PRESETS.technical)))).toEqual(["dashboard", "services", "domains", "support", "account"]);
  });

  it("always shows Dashboard and Account", () => {
    expect(keys(portalNavigation(customer([])))).toEqual(["dashboard", "account"]);
  });

  it("links to the routes of DESIGN §7", () => {
    expect(portalNavigation(customer(PRESETS.owner)).map((i) => i.href)).toEqual([
      "/dashboard",
      "/services",
      "/domains",
      "/billing/invoices",
      "/support/tickets",
      "/account/security",
    ]);
  });
});

describe("accountNavigation", () => {
  it("lists only account pages that exist", () => {
    expect(keys(accountNavigation(customer(PRESETS.owner)))).toEqual(["profile", "contacts", "notifications", "emails", "security", "activity"]);
    expect(keys(accountNavigation(customer([])))).toEqual(["profile", "notifications", "emails", "security"]);
  });
});

describe("staffNavigation", () => {
  it("gives every role the dashboard first", () => {
    for (const role of Object.keys(STAFF_ROLES) as (keyof typeof STAFF_ROLES)[]) {
      expect(staffNavigation(staff(role))[0]).toEqual({ key: "dashboard", href: "/admin", labelKey: "staff.dashboard", matchPrefix: "/admin", exact: true });
    }
  });

  it("shows each role the pages its permissions open", () => {
    expect(keys(staffNavigation(staff("administrator")))).toEqual(["dashboard", "tickets", "customers", "invoices", "quotes", "services", "domains", "catalog", "kb", "network", "settings"]);
    expect(keys(staffNavigation(staff("support_agent")))).toEqual(["dashboard", "tickets", "kb"]);
    expect(keys(staffNavigation(staff("billing_clerk")))).toEqual(["dashboard", "tickets", "customers", "invoices", "quotes", "domains", "kb"]);
  });
});
