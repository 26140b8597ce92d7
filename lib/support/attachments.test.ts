import {
  ATTACHMENT_LIMITS,
  type UploadInput,
  cleanFileName,
  contentDisposition,
  detectContentType,
  downloadResponse,
  readUploads,
  validateUploads,
} from "./attachments";

const bytes = (...values: number[]) => Buffer.from(values);
const text = (value: string) => Buffer.from(value, "utf8");
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const PDF = text("%PDF-1.7\n%âãÏÓ\n1 0 obj");
const EXE = Buffer.concat([text("MZ"), bytes(0x90, 0, 3, 0, 0, 0, 4, 0)]);

describe("detectContentType", () => {
  it.each([
    ["png", PNG, "image/png"],
    ["jpeg", bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), "image/jpeg"],
    ["gif87a", text("GIF87a\x01\x00"), "image/gif"],
    ["gif89a", text("GIF89a\x01\x00"), "image/gif"],
    ["webp", Buffer.concat([text("RIFF"), bytes(0x24, 0, 0, 0), text("WEBPVP8 ")]), "image/webp"],
    ["pdf", PDF, "application/pdf"],
    ["zip", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0), "application/zip"],
    ["empty zip", bytes(0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)), "application/zip"],
    ["text", text("hello\r\n\tworld\f"), "text/plain"],
    ["log with ANSI colours", text("\x1b[31mERROR\x1b[0m disk full\n"), "text/plain"],
    ["Vietnamese text with BOM", text("\ufeffHóa đơn tháng 5 — đã thanh toán\n"), "text/plain"],
    // Served as text/plain + attachment + nosniff, so never rendered as markup.
    ["html", text("<!doctype html><script>alert(1)</script>"), "text/plain"],
    ["svg", text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "text/plain"],
  ])("%s → %s", (_name, content, expected) => {
    expect(detectContentType(content)).toBe(expected);
  });

  it.each([
    ["windows executable", EXE],
    ["ELF", bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1)],
    ["NUL in text", text("abc\u0000def")],
    ["vertical tab", text("abc\u000bdef")],
    ["DEL", text("abc\u007fdef")],
    ["C1 control", text("abc\u0085def")],
    ["invalid UTF-8", bytes(0x68, 0x69, 0xc3, 0x28)],
    ["UTF-16", Buffer.from("\ufeffhello", "utf16le")],
    ["empty", Buffer.alloc(0)],
    ["truncated PNG signature", bytes(0x89, 0x50, 0x4e)],
    ["RIFF that is not WebP", Buffer.concat([text("RIFF"), bytes(0x24, 0, 0, 0), text("WAVEfmt ")])],
  ])("refuses %s", (_name, content) => {
    expect(detectContentType(content)).toBeNull();
  });
});

describe("cleanFileName", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["Hóa đơn tháng 5.pdf", "Hóa đơn tháng 5.pdf"],
    // macOS sends decomposed accents; stored composed.
    ["Ho\u0301a đơn.pdf", "Hóa đơn.pdf"],
    ["Faktúra č. 2026-05.pdf", "Faktúra č. 2026-05.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\Jan\\Desktop\\log.txt", "log.txt"],
    [".htaccess", "htaccess"],
    ["...", "attachment"],
    ["", "attachment"],
    ["   ", "attachment"],
    ["dir/", "attachment"],
    ["invoice\u202Efdp.exe", "invoicefdp.exe"],
    ["a\u2066b\u2069c\u200bd.txt", "abcd.txt"],
    ["evil\r\nX-Header: 1.txt", "evil X-Header: 1.txt"],
    ["tab\tand  spaces .txt", "tab and spaces .txt"],
    ["trailing dots. . .", "trailing dots"],
    ["bad \ud800 half.txt", "bad \ufffd half.txt"],
  ])("%j → %j", (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it("shortens long names to 120 characters and keeps the extension", () => {
    const cleaned = cleanFileName(`${"ệ".repeat(200)}.tar.gz`);
    expect(Array.from(cleaned)).toHaveLength(120);
    expect(cleaned.endsWith("ệ.gz")).toBe(true);
  });

  it("never cuts a character made of two UTF-16 units in half", () => {
    const cleaned = cleanFileName(`${"😀".repeat(130)}.png`);
    expect(Array.from(cleaned)).toHaveLength(120);
    expect(cleaned).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe("contentDisposition", () => {
  const parts = (header: string) => /^attachment; filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);

  it("gives an ASCII fallback and the exact name, encoded", () => {
    const header = contentDisposition("Hóa đơn tháng 5.pdf");
    expect(header).toBe(`attachment; filename="Hoa don thang 5.pdf"; filename*=UTF-8''H%C3%B3a%20%C4%91%C6%A1n%20th%C3%A1ng%205.pdf`);
    expect(decodeURIComponent(parts(header)![2])).toBe("Hóa đơn tháng 5.pdf");
  });

  it.each([
    ['say "hi".txt', 'say _hi_.txt'],
    ["back\\slash.txt", "slash.txt"],
    ["new\r\nline.txt", "new line.txt"],
    ["100%.txt", "100_.txt"],
    ["it's (final)*.txt", "it's (final)*.txt"],
    ["日本語.txt", "___.txt"],
  ])("keeps the header intact for %j", (name, fallback) => {
    const header = contentDisposition(name);
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    const match = parts(header);
    expect(match).not.toBeNull();
    expect(match![1]).toBe(fallback);
    expect(decodeURIComponent(match![2])).toBe(cleanFileName(name));
  });

  it("never offers an empty name", () => {
    expect(contentDisposition("")).toBe(`attachment; filename="attachment"; filename*=UTF-8''attachment`);
  });
});

describe("validateUploads", () => {
  const file = (name: string, content: Buffer): UploadInput => ({ name, bytes: content });

  it("accepts allowed files and reports their detected type and cleaned name", () => {
    const result = validateUploads([file("../shot.png", PNG), file("notes", text("plain notes"))]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.files.map(({ fileName, contentType, size }) => ({ fileName, contentType, size }))).toEqual([
      { fileName: "shot.png", contentType: "image/png", size: PNG.length },
      { fileName: "notes", contentType: "text/plain", size: 11 },
    ]);
  });

  it("accepts no files", () => {
    expect(validateUploads([])).toEqual({ ok: true, files: [] });
  });

  it("judges by content, not by name", () => {
    expect(validateUploads([file("invoice.pdf", EXE)])).toEqual({ ok: false, errors: [{ index: 0, fileName: "invoice.pdf", code: "type_not_allowed" }] });
    expect(validateUploads([file("photo.exe", PNG)]).ok).toBe(true);
  });

  it("reports every problem at once", () => {
    const files = [
      file("ok.txt", text("ok")),
      file("empty.txt", Buffer.alloc(0)),
      { name: "huge.zip", size: ATTACHMENT_LIMITS.maxBytes + 1, bytes: null },
      file("tool.exe", EXE),
      file("ok2.txt", text("ok")),
      file("sixth.txt", text("one too many")),
    ];
    expect(validateUploads(files)).toEqual({
      ok: false,
      errors: [
        { index: 1, fileName: "empty.txt", code: "empty" },
        { index: 2, fileName: "huge.zip", code: "too_large" },
        { index: 3, fileName: "tool.exe", code: "type_not_allowed" },
        { index: 5, fileName: "sixth.txt", code: "too_many" },
      ],
    });
  });

  it("takes exactly the limit and refuses one byte more", () => {
    const exact = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes, 0x61);
    expect(validateUploads([file("a.txt", exact)]).ok).toBe(true);
    expect(validateUploads([file("a.txt", Buffer.alloc(ATTACHMENT_LIMITS.maxBytes + 1, 0x61))])).toEqual({
      ok: false,
      errors: [{ index: 0, fileName: "a.txt", code: "too_large" }],
    });
  });
});

describe("readUploads", () => {
  const blob = (content: string | Buffer) => new Blob([typeof content === "string" ? content : new Uint8Array(content)]);

  it("reads the files of the field and skips the empty entry of an unused input", async () => {
    const form = new FormData();
    form.append("body", "hello");
    form.append("attachments", blob("log line\n"), "app.log");
    form.append("attachments", blob(""), "");
    form.append("attachments", "not a file");
    form.append("other", blob("x"), "other.txt");
    const uploads = await readUploads(form);
    expect(uploads).toEqual([{ name: "app.log", bytes: text("log line\n") }]);
  });

  it("keeps a named empty file so it can be refused with a message", async () => {
    const form = new FormData();
    form.append("attachments", blob(""), "empty.txt");
    const uploads = await readUploads(form);
    expect(validateUploads(uploads)).toEqual({ ok: false, errors: [{ index: 0, fileName: "empty.txt", code: "empty" }] });
  });

  it("does not read files past the count or over the size", async () => {
    const form = new FormData();
    form.append("attachments", blob(Buffer.alloc(ATTACHMENT_LIMITS.maxBytes + 1, 0x61)), "big.txt");
    for (let i = 0; i < 20; i++) form.append("attachments", blob(`file ${i}`), `f${i}.txt`);
    const uploads = await readUploads(form, "attachments");
    expect(uploads[0]).toEqual({ name: "big.txt", size: ATTACHMENT_LIMITS.maxBytes + 1, bytes: null });
    expect(uploads[1].bytes).not.toBeNull();
    expect(uploads[5]).toEqual({ name: "f4.txt", size: 6, bytes: null });
    // Far past the limit the extra files are not even listed.
    expect(uploads).toHaveLength(ATTACHMENT_LIMITS.maxFiles * 2);
    const result = validateUploads(uploads);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual(["too_large", "too_many", "too_many", "too_many", "too_many", "too_many"]);
  });
});

describe("downloadResponse", () => {
  it("sends the bytes as an attachment that the browser may not sniff, render or cache", async () => {
    const data = text("<script>alert(1)</script>");
    const response = downloadResponse({ fileName: 'Nhật ký "lỗi".log', contentType: "text/plain", size: data.length, data });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toEqual({
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(data.length),
      "content-disposition": contentDisposition('Nhật ký "lỗi".log'),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(data);
  });

  it("keeps the detected type of binary files", () => {
    expect(downloadResponse({ fileName: "a.png", contentType: "image/png", size: PNG.length, data: PNG }).headers.get("content-type")).toBe("image/png");
  });

  it("answers 404 for null, without caching", async () => {
    const response = downloadResponse(null);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-disposition")).toBeNull();
  });
});
