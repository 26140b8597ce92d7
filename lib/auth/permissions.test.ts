import { PRESETS, STAFF_ROLES, parseCustomerPermissions, presetOf } from "./permissions";

describe("permission presets", () => {
  it("billing preset can see and pay invoices but not services, domains or DNS", () => {
    expect(PRESETS.billing).toEqual(expect.arrayContaining(["billing.view", "billing.pay"]));
    for (const p of ["services.view", "domains.view", "dns.manage", "usage.voip"]) expect(PRESETS.billing).not.toContain(p);
  });
  it("technical preset sees services, domains and DNS but never an invoice", () => {
    expect(PRESETS.technical).toEqual(expect.arrayContaining(["services.view", "domains.view", "dns.manage", "tickets.view"]));
    expect(PRESETS.technical).not.toContain("billing.view");
    expect(PRESETS.technical).not.toContain("billing.pay");
  });
  it("recognises presets regardless of order and reports custom sets", () => {
    expect(presetOf([...PRESETS.technical].reverse())).toBe("technical");
    expect(presetOf(["billing.view"])).toBe("custom");
  });
  it("drops unknown permission names from stored rows", () => {
    expect(parseCustomerPermissions(["billing.view", "staff.settings", "root"])).toEqual(["billing.view"]);
  });
  it("support agents have no billing permission", () => {
    expect(STAFF_ROLES.support_agent).not.toContain("staff.billing");
  });
});
