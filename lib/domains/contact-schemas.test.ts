import { COUNTRY_CODES, contactSchema, normalisePhone, normalisePostcode, resolveContacts, saveContactsSchema } from "./contact-schemas";

const phone = (raw: string) => {
  const result = normalisePhone(raw);
  return result.ok ? result.phone : `error:${result.key}`;
};
const postcode = (country: string, raw: string) => {
  const result = normalisePostcode(country, raw);
  return result.ok ? result.postcode : `error:${result.key}`;
};

const anna = { name: "Anna Kovács", organization: "", email: "anna@example.hu", phone: "+36 1 234 5678", street: "Fő utca 1", city: "Budapest", postcode: "1011", country: "hu" };
const errorsOf = (input: unknown) => {
  const result = contactSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("phone numbers", () => {
  it("turns what people write into EPP's +CC.NUMBER", () => {
    expect(phone("+36 1 234 5678")).toBe("+36.12345678");
    expect(phone("+36.12345678")).toBe("+36.12345678");
    expect(phone("0036-1-234-5678")).toBe("+36.12345678");
    expect(phone("+84 28 3823 4567")).toBe("+84.2838234567");
    expect(phone("+421 2 5443 1200")).toBe("+421.254431200");
    expect(phone("+1 (415) 555-0199")).toBe("+1.4155550199");
    expect(phone("+44 (0)20 7946 0958")).toBe("+44.2079460958");
    expect(phone("+420/234 567 890")).toBe("+420.234567890");
  });

  it("does not guess a missing country code and refuses what is not a number", () => {
    expect(phone("")).toBe("error:errors.required");
    expect(phone("   ")).toBe("error:errors.required");
    expect(phone("06 1 234 5678")).toBe("error:errors.phoneInternational");
    expect(phone("1 234 5678")).toBe("error:errors.phoneInternational");
    expect(phone("+36 1 234 5678 ext 12")).toBe("error:errors.phone");
    expect(phone("+36 12")).toBe("error:errors.phone");
    expect(phone("+36 1234 5678 9012 345")).toBe("error:errors.phone");
    // 28x is not a country code.
    expect(phone("+28 123 4567")).toBe("error:errors.phone");
    expect(phone("+")).toBe("error:errors.phone");
  });

  it("gives the same answer for its own output", () => {
    for (const raw of ["+36 1 234 5678", "+1 415 555 0199", "+84 28 3823 4567", "+7 495 123 4567"]) expect(phone(phone(raw))).toBe(phone(raw));
  });
});

describe("postcodes per country", () => {
  it("checks and formats the countries with a known format", () => {
    expect(postcode("VN", "700000")).toBe("700000");
    expect(postcode("VN", "70000")).toBe("70000");
    expect(postcode("VN", "7000")).toBe("error:errors.postcode.VN");
    expect(postcode("SK", "81106")).toBe("811 06");
    expect(postcode("SK", " 811 06 ")).toBe("811 06");
    expect(postcode("SK", "110 00")).toBe("error:errors.postcode.SK");
    expect(postcode("CZ", "11000")).toBe("110 00");
    expect(postcode("CZ", "811 06")).toBe("error:errors.postcode.CZ");
    expect(postcode("HU", "1011")).toBe("1011");
    expect(postcode("HU", "0111")).toBe("error:errors.postcode.HU");
    expect(postcode("HU", "10111")).toBe("error:errors.postcode.HU");
    expect(postcode("DE", "01067")).toBe("01067");
    expect(postcode("DE", "00123")).toBe("error:errors.postcode.DE");
    expect(postcode("DE", "1067")).toBe("error:errors.postcode.DE");
    expect(postcode("GB", "sw1a1aa")).toBe("SW1A 1AA");
    expect(postcode("GB", "M1 1AE")).toBe("M1 1AE");
    expect(postcode("GB", "EC1A  1BB")).toBe("EC1A 1BB");
    expect(postcode("GB", "12345")).toBe("error:errors.postcode.GB");
    expect(postcode("US", "94105")).toBe("94105");
    expect(postcode("US", "94105-1804")).toBe("94105-1804");
    expect(postcode("US", "941051804")).toBe("94105-1804");
    expect(postcode("US", "9410")).toBe("error:errors.postcode.US");
  });

  it("takes other countries' postcodes as written, non-empty and at most 16 characters", () => {
    expect(postcode("FR", " 75008 ")).toBe("75008");
    expect(postcode("IE", "D02 X285")).toBe("D02 X285");
    expect(postcode("FR", "")).toBe("error:errors.required");
    expect(postcode("NL", "x".repeat(17))).toBe("error:errors.postcodeLong");
    expect(postcode("VN", "")).toBe("error:errors.required");
  });
});

describe("a contact", () => {
  it("comes out normalised, and parsing that again changes nothing", () => {
    const parsed = contactSchema.parse(anna);
    expect(parsed).toEqual({ name: "Anna Kovács", organization: null, email: "anna@example.hu", phone: "+36.12345678", street: "Fő utca 1", city: "Budapest", postcode: "1011", country: "HU" });
    expect(contactSchema.parse(parsed)).toEqual(parsed);
  });

  it("names each bad field, the postcode against the country, all at once", () => {
    expect(errorsOf({ ...anna, email: "anna@", phone: "06 1 234 5678", postcode: "811 06" })).toEqual({ email: "errors.email", phone: "errors.phoneInternational", postcode: "errors.postcode.HU" });
    expect(errorsOf({ ...anna, email: "not an email" })).toEqual({ email: "errors.email" });
    expect(errorsOf({ ...anna, email: "" })).toEqual({ email: "errors.required" });
    expect(errorsOf({ ...anna, name: "  ", street: "", city: "x".repeat(256) })).toEqual({ name: "errors.required", street: "errors.required", city: "errors.tooLong" });
    expect(errorsOf({ ...anna, country: "XX", postcode: "whatever" })).toEqual({ country: "errors.country" });
    expect(errorsOf({ ...anna, country: "SK", postcode: "811 06" })).toEqual({});
  });

  it("offers every ISO 3166-1 alpha-2 code once", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(COUNTRY_CODES).toEqual(expect.arrayContaining(["VN", "SK", "HU", "CZ", "DE", "GB", "US"]));
  });
});

describe("the save form", () => {
  const domainId = "6f1c1b7e-8f1d-4c1a-9a59-2f0f8d3c1e11";
  const saveId = "0b8f2a4e-9f53-4c3e-8d2a-4e7f6b1c2d3e";
  const tech = { ...anna, name: "Tom Tech", email: "tech@example.hu", phone: "+36 30 123 4567" };

  it("copies the registrant into roles marked as the same, and skips their hidden fields", () => {
    const parsed = saveContactsSchema.parse({
      domainId,
      saveId,
      registrant: anna,
      admin: { sameAsRegistrant: true, ...anna, phone: "rubbish" },
      tech: { sameAsRegistrant: false, ...tech },
      billing: { sameAsRegistrant: true },
    });
    const contacts = resolveContacts(parsed);
    expect(contacts.admin).toEqual(contacts.registrant);
    expect(contacts.billing).toEqual(contacts.registrant);
    expect(contacts.tech).toMatchObject({ name: "Tom Tech", phone: "+36.301234567" });
    expect(saveContactsSchema.parse(parsed)).toEqual(parsed);
  });

  it("puts each problem under its role", () => {
    const result = saveContactsSchema.safeParse({ domainId, saveId, registrant: { ...anna, email: "x" }, admin: { sameAsRegistrant: true }, tech: { sameAsRegistrant: false, ...tech, phone: "12345" }, billing: { sameAsRegistrant: true } });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({ "registrant.email": "errors.email", "tech.phone": "errors.phoneInternational" });
  });
});
