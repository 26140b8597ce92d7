import { gunzipSync } from "node:zlib";
import { buildTarGz } from "./builtin-archive";
import { generatePanelPassword, hashPanelPassword, signPanelLink, verifyPanelLink, verifyPanelPassword } from "./builtin-secrets";
import { isAcceptablePanelPassword } from "./builtin-names";

const secret = "s".repeat(40);

describe("panel passwords", () => {
  it("are stored as salted hashes that verify", async () => {
    const a = await hashPanelPassword("Correct-Horse-1");
    const b = await hashPanelPassword("Correct-Horse-1");
    expect(a).toMatch(/^scrypt\$16384\$/);
    expect(a).not.toContain("Correct-Horse-1");
    expect(a).not.toBe(b);
    expect(await verifyPanelPassword(a, "Correct-Horse-1")).toBe(true);
    expect(await verifyPanelPassword(a, "correct-horse-1")).toBe(false);
    expect(await verifyPanelPassword("plain", "plain")).toBe(false);
  });

  it("are generated strong enough for the panel", () => {
    const passwords = Array.from({ length: 50 }, () => generatePanelPassword());
    expect(new Set(passwords).size).toBe(50);
    for (const p of passwords) {
      expect(p).toHaveLength(16);
      expect(isAcceptablePanelPassword(p)).toBe(true);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });
});

describe("signed panel links", () => {
  const now = new Date("2041-01-01T12:00:00Z");

  it("verify while fresh, for their kind only", () => {
    const { token, payload } = signPanelLink({ kind: "sso", sub: "account-1", ttlSeconds: 60, now, secret });
    expect(verifyPanelLink(token, "sso", { now, secret })).toEqual({ ok: true, payload });
    expect(verifyPanelLink(token, "download", { now, secret })).toEqual({ ok: false, reason: "wrong_kind" });
    expect(verifyPanelLink(token, "sso", { now: new Date(now.getTime() + 59_000), secret }).ok).toBe(true);
    expect(verifyPanelLink(token, "sso", { now: new Date(now.getTime() + 60_000), secret })).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse forged, tampered and malformed tokens", () => {
    const { token } = signPanelLink({ kind: "download", sub: "backup-1", ttlSeconds: 900, now, secret });
    const [body, signature] = token.split(".");
    expect(verifyPanelLink(token, "download", { now, secret: "x".repeat(40) })).toEqual({ ok: false, reason: "bad_signature" });
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), sub: "backup-2" })).toString("base64url");
    expect(verifyPanelLink(`${forgedBody}.${signature}`, "download", { now, secret })).toEqual({ ok: false, reason: "bad_signature" });
    for (const bad of [null, "", "abc", `${body}.`, `${body}.${signature}.x`, "a".repeat(2000)]) expect(verifyPanelLink(bad, "download", { now, secret }).ok).toBe(false);
  });

  it("get a fresh id each time", () => {
    const a = signPanelLink({ kind: "sso", sub: "s", ttlSeconds: 60, now, secret });
    const b = signPanelLink({ kind: "sso", sub: "s", ttlSeconds: 60, now, secret });
    expect(a.payload.jti).not.toBe(b.payload.jti);
  });
});

describe("buildTarGz", () => {
  it("makes a gzip'd ustar archive with the file in it", () => {
    const archive = buildTarGz([{ name: "backup/README.txt", content: "hello panel\n" }], new Date("2041-01-01T00:00:00Z"));
    expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const tar = gunzipSync(archive);
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(0, 17).toString()).toBe("backup/README.txt");
    expect(tar.subarray(257, 262).toString()).toBe("ustar");
    expect(tar.subarray(512, 524).toString()).toBe("hello panel\n");
    // The header checksum: the sum of its bytes with the checksum field as spaces.
    const header = Buffer.from(tar.subarray(0, 512));
    const stored = parseInt(header.subarray(148, 154).toString(), 8);
    header.fill(0x20, 148, 156);
    expect(stored).toBe(header.reduce((sum, byte) => sum + byte, 0));
  });
});
