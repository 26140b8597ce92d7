import { changePasswordSchema, passwordStrength, vpnPasswordSchema } from "./security-schemas";

const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("changePasswordSchema", () => {
  const valid = { currentPassword: "old-password-1", newPassword: "violet-harbour-lantern", confirmPassword: "violet-harbour-lantern", signOutOthers: true };
  it("accepts a long new password that is repeated", () => {
    expect(changePasswordSchema.safeParse(valid).success).toBe(true);
  });
  it("puts each problem on its field", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, currentPassword: "" }))).toEqual({ currentPassword: "errors.currentRequired" });
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, newPassword: "short-one", confirmPassword: "short-one" }))).toEqual({ newPassword: "errors.passwordShort" });
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, confirmPassword: "violet-harbour-lantern!" }))).toEqual({ confirmPassword: "errors.passwordsDiffer" });
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, currentPassword: valid.newPassword }))).toEqual({ newPassword: "errors.passwordUnchanged" });
  });
  it("counts characters, not UTF-16 units, and keeps spaces", () => {
    const emoji = "🔑".repeat(11);
    expect(errorsOf(changePasswordSchema.safeParse({ ...valid, newPassword: emoji, confirmPassword: emoji }))).toEqual({ newPassword: "errors.passwordShort" });
    const spaced = "  twelve chars  ";
    expect(changePasswordSchema.parse({ ...valid, newPassword: spaced, confirmPassword: spaced }).newPassword).toBe(spaced);
  });
});

describe("vpnPasswordSchema", () => {
  it("needs a service id and the same rules as the account password", () => {
    expect(errorsOf(vpnPasswordSchema.safeParse({ serviceId: "nope", password: "short", confirmPassword: "short" }))).toEqual({ serviceId: "errors.notFound", password: "errors.passwordShort" });
  });
});

describe("passwordStrength", () => {
  it("grows with length and variety, and punishes repetition", () => {
    expect(passwordStrength("short")).toBe(0);
    expect(passwordStrength("abcdefghijkl")).toBe(1);
    expect(passwordStrength("violet-harbour-lantern")).toBe(3);
    expect(passwordStrength("Violet-Harbour-Lantern-93")).toBe(4);
    expect(passwordStrength("aaaaaaaaaaaaaaaaaaaaaaaa")).toBe(1);
  });
});
