import { isSecretKey, redactAuditData } from "./redact";

describe("isSecretKey", () => {
  it.each(["password", "newPassword", "password_hash", "token", "resetToken", "access_token", "code", "authCode", "eppCode", "recoveryCodes", "secret", "clientSecret", "totp", "totpSecret", "otp", "supportPin", "apiKey", "privateKey", "cookie", "PASSWORD"])("%s is a secret", (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(["email", "name", "postcode", "vatId", "changes", "from", "to", "ip", "permissions", "jobId", "nameservers", "amountMinor", "invoiceNumber"])("%s is not", (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe("redactAuditData", () => {
  it("drops secret keys at any depth, in arrays too, and keeps the rest", () => {
    const data = {
      email: "a@example.test",
      password: "hunter2",
      authCode: "EPP-123",
      nested: { token: "t", keep: 1, deeper: [{ totp: "123456", ok: true }, "plain"] },
      changes: { city: { from: "Bratislava", to: "Košice" }, password: { from: "x", to: "y" } },
    };
    expect(redactAuditData(data)).toEqual({
      email: "a@example.test",
      nested: { keep: 1, deeper: [{ ok: true }, "plain"] },
      changes: { city: { from: "Bratislava", to: "Košice" } },
    });
    // The input is not changed.
    expect(data.password).toBe("hunter2");
  });

  it("passes scalars and null through", () => {
    expect(redactAuditData(null)).toBeNull();
    expect(redactAuditData("x")).toBe("x");
    expect(redactAuditData(3)).toBe(3);
  });
});
