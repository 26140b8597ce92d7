import { requestInfoFrom } from "./request-info";

describe("requestInfoFrom", () => {
  it("takes the hop our proxy appended, not one the client wrote", () => {
    const info = requestInfoFrom(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7", "user-agent": "UA" }));
    expect(info).toEqual({ ip: "203.0.113.7", userAgent: "UA" });
  });
  it("falls back to x-real-ip, then to 'unknown'", () => {
    expect(requestInfoFrom(new Headers({ "x-real-ip": "198.51.100.2" })).ip).toBe("198.51.100.2");
    expect(requestInfoFrom(new Headers()).ip).toBe("unknown");
  });
});
