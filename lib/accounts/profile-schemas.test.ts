import { changeRequestSchema, companySchema, emailChangeSchema, normalisePostcode, normaliseVatForCountry, personalSchema } from "./profile-schemas";

describe("normalisePostcode", () => {
  it.each([
    ["VN", "700000", "700000"],
    ["VN", "70000", "70000"],
    ["SK", "81101", "811 01"],
    ["SK", " 811 01 ", "811 01"],
    ["CZ", "110 00", "110 00"],
    ["HU", "1011", "1011"],
    ["AT", "1010", "1010"],
    ["DE", "10115", "10115"],
    ["PL", "00950", "00-950"],
    ["PL", "00-950", "00-950"],
    ["GB", "sw1a1aa", "SW1A 1AA"],
    ["GB", "M1 1AE", "M1 1AE"],
    ["US", "94105", "94105"],
    ["US", "941051804", "94105-1804"],
    ["FR", "75008", "75008"],
  ])("%s %s → %s", (country, raw, expected) => {
    expect(normalisePostcode(country, raw)).toEqual({ ok: true, postcode: expected });
  });

  it.each([
    ["VN", "7000"],
    ["SK", "11000"],
    ["CZ", "81101"],
    ["HU", "0123"],
    ["HU", "10111"],
    ["AT", "101"],
    ["DE", "00123"],
    ["DE", "1011"],
    ["PL", "0095"],
    ["GB", "12345"],
    ["US", "9410"],
  ])("refuses %s %s with the country's message", (country, raw) => {
    expect(normalisePostcode(country, raw)).toEqual({ ok: false, key: `errors.postcode.${country}` });
  });

  it("needs a value, and keeps other countries' postcodes as written (up to 16 characters)", () => {
    expect(normalisePostcode("SK", "  ")).toEqual({ ok: false, key: "errors.required" });
    expect(normalisePostcode("JP", "100-0001")).toEqual({ ok: true, postcode: "100-0001" });
    expect(normalisePostcode("JP", "x".repeat(17))).toEqual({ ok: false, key: "errors.tooLong" });
  });
});

describe("normaliseVatForCountry", () => {
  it("checks EU VAT IDs by format and check digit, others by shape", () => {
    expect(normaliseVatForCountry("SK", "SK 2022749619")).toEqual({ ok: true, vatId: "SK2022749619" });
    expect(normaliseVatForCountry("SK", "2022749619")).toEqual({ ok: false, key: "errors.vatPrefix" });
    expect(normaliseVatForCountry("VN", "0312345678")).toEqual({ ok: true, vatId: "0312345678" });
    expect(normaliseVatForCountry("VN", "<script>")).toEqual({ ok: false, key: "errors.vatFormat" });
  });
});

describe("the profile forms", () => {
  const company = { country: "SK", email: "Billing@Example.SK", phone: "+421 2 1234 5678", addressLine1: "Hlavná 1", addressLine2: "", city: "Bratislava", postcode: "81101" };

  it("company: the postcode by the customer's country, the email lower-case, the phone international", () => {
    expect(companySchema.parse(company)).toMatchObject({ email: "billing@example.sk", postcode: "811 01" });
    const wrong = companySchema.safeParse({ ...company, country: "HU", phone: "02 1234 5678" });
    expect(wrong.success ? [] : wrong.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["phone", "errors.phone"],
      ["postcode", "errors.postcode.HU"],
    ]);
  });

  it("change request: the VAT ID must fit the requested country", () => {
    expect(changeRequestSchema.parse({ name: "Acme s.r.o.", country: "sk", vatId: "sk2022749619" })).toEqual({ name: "Acme s.r.o.", country: "SK", vatId: "SK2022749619" });
    expect(changeRequestSchema.parse({ name: "Acme s.r.o.", country: "SK", vatId: "" })).toEqual({ name: "Acme s.r.o.", country: "SK", vatId: null });
    const wrong = changeRequestSchema.safeParse({ name: "Acme", country: "HU", vatId: "SK2022749619" });
    expect(wrong.success ? null : wrong.error.issues[0]).toMatchObject({ path: ["vatId"], message: "errors.vatPrefix" });
    expect(changeRequestSchema.safeParse({ name: "Acme", country: "XX", vatId: "" }).success).toBe(false);
  });

  it("personal: a supported language and a real time zone", () => {
    expect(personalSchema.parse({ name: " Anna ", locale: "hu", timeZone: "Europe/Budapest" })).toEqual({ name: "Anna", locale: "hu", timeZone: "Europe/Budapest" });
    expect(personalSchema.safeParse({ name: "Anna", locale: "de", timeZone: "Europe/Budapest" }).success).toBe(false);
    expect(personalSchema.safeParse({ name: "Anna", locale: "en", timeZone: "Mars/Olympus" }).success).toBe(false);
  });

  it("email change: the new address lower-case", () => {
    expect(emailChangeSchema.parse({ newEmail: " New@Example.COM ", password: "x" })).toEqual({ newEmail: "new@example.com", password: "x", code: "" });
  });
});
