import { actionLabel, activityQuery, parseActivityFilters } from "./activity-schemas";

describe("actionLabel", () => {
  it.each([
    ["auth.login.succeeded", "loginSucceeded"],
    ["auth.login.failed", "loginFailed"],
    ["auth.2fa.enrolled", "twoFactor"],
    ["auth.impersonation.started", "impersonationStarted"],
    ["account.profile.updated", "companyUpdated"],
    ["account.profile_change.approved", "changeApproved"],
    ["account.email.changed", "emailChanged"],
    ["account.permissions.changed", "permissionsChanged"],
    ["billing.payment.recorded", "payment"],
    ["billing.dunning.reminder", "billing"],
    ["services.vpn.password_changed", "service"],
    ["domains.epp_code.revealed", "domain"],
    ["support.ticket.opened", "ticket"],
  ])("%s → %s", (action, label) => {
    expect(actionLabel(action)).toBe(label);
  });

  it("has no label for an unknown action (the page shows the key)", () => {
    expect(actionLabel("mystery.thing")).toBeNull();
    expect(actionLabel("billingx.thing")).toBeNull();
  });
});

describe("parseActivityFilters", () => {
  it("keeps valid filters and drops anything else", () => {
    const user = "7b0c5c6e-2f8a-4d3e-9a41-1f2e3d4c5b6a";
    expect(parseActivityFilters({ group: "profile", user, from: "2026-11-01", to: "2026-11-30", before: "123" })).toEqual({ group: "profile", user, from: "2026-11-01", to: "2026-11-30", before: "123" });
    expect(parseActivityFilters({ group: "nope", user: "x", from: "2026-02-30", before: "1 OR 1=1" })).toEqual({ group: undefined, user: undefined, from: undefined, to: undefined, before: undefined });
    expect(parseActivityFilters(new URLSearchParams("group=billing&to=2026-01-31"))).toMatchObject({ group: "billing", to: "2026-01-31" });
  });

  it("writes the query string back", () => {
    expect(activityQuery({ group: "billing", user: undefined, from: "2026-01-01", to: undefined })).toBe("?group=billing&from=2026-01-01");
    expect(activityQuery({ group: undefined, user: undefined, from: undefined, to: undefined }, "42")).toBe("?before=42");
    expect(activityQuery({ group: undefined, user: undefined, from: undefined, to: undefined })).toBe("");
  });
});
