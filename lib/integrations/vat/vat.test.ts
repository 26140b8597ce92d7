// VAT IDs by format and check digit (published examples of each state), and the VIES client
// against a local stub of its REST API: valid, not registered, broken and slow answers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { normaliseVatId } from "./formats";
import { BuiltinVatChecker, ViesVatChecker } from "./vat-checker";

const VALID: [country: string, typed: string, compact: string][] = [
  ["AT", "ATU13585627", "ATU13585627"],
  ["BE", "BE 0403.019.261", "BE0403019261"],
  ["CZ", "CZ 25123891", "CZ25123891"],
  ["DE", "de 136 695 976", "DE136695976"],
  ["DK", "DK 13 58 56 28", "DK13585628"],
  ["FI", "FI20774740", "FI20774740"],
  ["FR", "FR 40 303 265 045", "FR40303265045"],
  ["GR", "EL094259216", "EL094259216"],
  ["HR", "HR33392005961", "HR33392005961"],
  ["HU", "HU-12892312", "HU12892312"],
  ["IT", "IT 00743110157", "IT00743110157"],
  ["LU", "LU 150 274 42", "LU15027442"],
  ["NL", "NL004495445B01", "NL004495445B01"],
  ["PL", "PL 856-734-62-15", "PL8567346215"],
  ["PT", "PT 501 964 843", "PT501964843"],
  ["SE", "SE556188840401", "SE556188840401"],
  ["SI", "SI 5022 3054", "SI50223054"],
  ["SK", "SK 202 274 96 19", "SK2022749619"],
];

describe("normaliseVatId", () => {
  it.each(VALID)("accepts %s %s as %s", (country, typed, compact) => {
    expect(normaliseVatId(country, typed)).toMatchObject({ ok: true, vatId: compact });
  });

  it("needs the prefix of the chosen country (Greece is EL)", () => {
    expect(normaliseVatId("SK", "2022749619")).toEqual({ ok: false, key: "errors.vatPrefix" });
    expect(normaliseVatId("SK", "CZ25123891")).toEqual({ ok: false, key: "errors.vatPrefix" });
    expect(normaliseVatId("GR", "GR094259216")).toEqual({ ok: false, key: "errors.vatPrefix" });
  });

  it("refuses the wrong shape", () => {
    for (const [country, vat] of [["AT", "AT13585627"], ["DE", "DE13669597"], ["NL", "NL004495445C01"], ["SE", "SE556188840402"], ["HU", "HU1289231"]]) {
      expect([vat, normaliseVatId(country, vat)]).toEqual([vat, { ok: false, key: "errors.vatFormat" }]);
    }
  });

  it("refuses a wrong check digit where the state publishes one", () => {
    for (const [country, vat] of [["AT", "ATU13585626"], ["BE", "BE0403019262"], ["DE", "DE136695975"], ["DK", "DK13585627"], ["FI", "FI20774741"], ["HU", "HU12892313"], ["IT", "IT00743110158"], ["LU", "LU15027443"], ["PL", "PL8567346216"], ["PT", "PT501964844"], ["SI", "SI50223055"], ["SK", "SK2022749618"], ["HR", "HR33392005962"]]) {
      expect([vat, normaliseVatId(country, vat)]).toEqual([vat, { ok: false, key: "errors.vatChecksum" }]);
    }
  });

  it("checks only EU member states", () => {
    expect(normaliseVatId("VN", "0312345678")).toEqual({ ok: false, key: "errors.vatNotEu" });
    expect(normaliseVatId("GB", "GB123456789")).toEqual({ ok: false, key: "errors.vatNotEu" });
  });
});

describe("BuiltinVatChecker", () => {
  it("answers valid or invalid by format and check digit", async () => {
    const checker = new BuiltinVatChecker();
    expect(await checker.check("SK", "sk2022749619")).toEqual({ status: "valid", vatId: "SK2022749619", checkedBy: "builtin" });
    expect(await checker.check("SK", "SK2022749618")).toEqual({ status: "invalid", key: "errors.vatChecksum", checkedBy: "builtin" });
  });
});

describe("ViesVatChecker against a local stub", () => {
  let server: http.Server;
  let base: string;
  const requests: { path: string; body: unknown }[] = [];
  // DE136695976 is registered, HU12892312 is not; CZ25123891 breaks the service, PL8567346215 is slow.
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk) => (raw += chunk));
      req.on("end", () => {
        const body = JSON.parse(raw || "{}") as { countryCode: string; vatNumber: string };
        requests.push({ path: req.url ?? "", body });
        const id = `${body.countryCode}${body.vatNumber}`;
        if (id === "CZ25123891") return void res.writeHead(500).end("MS_UNAVAILABLE");
        if (id === "PL8567346215") return void setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"valid":true}'), 1000);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ countryCode: body.countryCode, vatNumber: body.vatNumber, valid: id === "DE136695976", name: id === "DE136695976" ? "Example GmbH" : "---" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vies/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("asks the service with the compact number, without the prefix", async () => {
    const checker = new ViesVatChecker({ baseUrl: base });
    expect(await checker.check("DE", "DE 136 695 976")).toEqual({ status: "valid", vatId: "DE136695976", checkedBy: "vies", name: "Example GmbH" });
    expect(requests.at(-1)).toEqual({ path: "/vies/check-vat-number", body: { countryCode: "DE", vatNumber: "136695976" } });
  });

  it("reports an unregistered ID as invalid", async () => {
    expect(await new ViesVatChecker({ baseUrl: base }).check("HU", "HU12892312")).toEqual({ status: "invalid", key: "errors.vatNotRegistered", checkedBy: "vies" });
  });

  it("never asks about a malformed ID", async () => {
    const before = requests.length;
    expect(await new ViesVatChecker({ baseUrl: base }).check("DE", "DE136695975")).toEqual({ status: "invalid", key: "errors.vatChecksum", checkedBy: "builtin" });
    expect(requests.length).toBe(before);
  });

  it("is unavailable, not invalid, when the service fails or is slow", async () => {
    const checker = new ViesVatChecker({ baseUrl: base, timeoutMs: 200 });
    expect(await checker.check("CZ", "CZ25123891")).toEqual({ status: "unavailable", vatId: "CZ25123891", checkedBy: "builtin" });
    expect(await checker.check("PL", "PL8567346215")).toEqual({ status: "unavailable", vatId: "PL8567346215", checkedBy: "builtin" });
  });
});
