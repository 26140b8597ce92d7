// The support desk in Chromium against the built app: a customer opens a ticket with an attachment
// and sees knowledge-base suggestions; staff answer with a canned reply and add an internal note;
// the customer sees the answer but never the note, and the email is in the outbox. Script in the
// subject, message, note or file name is shown as text and never runs, in the portal or the admin.
import type { Browser, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo as signIn } from "@/tests/helpers/demo-login";

const BASE = process.env.E2E_BASE_URL as string;
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Fails the test when an injected script ran or a dialog opened. */
async function watchForScript(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  };
}

describe("a ticket from the portal to the staff desk and back", () => {
  let number: string;
  const subject = `Email delivery: SPF record ${XSS}`;

  it("the customer opens a ticket with an attachment and sees knowledge-base suggestions while typing", async () => {
    const page = await browser.newPage();
    const noScript = await watchForScript(page);
    await signIn(page, "owner@demo.portico.test");
    await page.goto(`${BASE}/support/tickets/new`);
    await page.getByLabel("Department").selectOption({ label: "Technical" });
    await page.getByLabel("Priority").selectOption("urgent");
    await expect(page.getByTestId("response-target").innerText()).resolves.toMatch(/urgent tickets within 30 minutes/);
    await page.getByLabel("Subject").fill("SPF record");
    await page.getByTestId("kb-suggestions").getByRole("link").first().waitFor({ timeout: 10_000 });
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Message").fill(`Our mails bounce.\n\n${XSS}`);
    // A program renamed to .pdf is refused by its content; the typed text stays in the form.
    const files = page.locator('input[type="file"][name="attachments"]');
    await files.setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(200)]) });
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.getByText("“invoice.pdf” is not an allowed type of file.", { exact: false }).waitFor();
    await expect(page.getByLabel("Message").inputValue()).resolves.toContain("Our mails bounce.");
    expect(new URL(page.url()).pathname).toBe("/support/tickets/new");
    await page.getByRole("button", { name: "Remove invoice.pdf" }).click();
    await files.setInputFiles({ name: `bounce<img src=x onerror="window.__xss=1">.log`, mimeType: "text/plain", buffer: Buffer.from("550 5.7.1 SPF fail\n") });
    await page.getByRole("button", { name: "Open ticket" }).click();
    await page.waitForURL(/\/support\/tickets\/T-\d+$/);
    number = decodeURIComponent(page.url().split("/").pop()!);
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe(subject);
    await expect(page.getByTestId("ticket-message").first().innerText()).resolves.toContain(XSS);
    const link = page.getByRole("link", { name: /bounce/ });
    await expect(link.getAttribute("href")).resolves.toMatch(new RegExp(`/support/tickets/${number}/attachments/[0-9a-f-]{36}$`));
    await noScript();
    await page.close();
  });

  it("staff answer with a canned reply and add an internal note, without running the customer's script", async () => {
    const page = await browser.newPage();
    const noScript = await watchForScript(page);
    await signIn(page, "agent@demo.portico.test", { totp: true });
    await page.goto(`${BASE}/admin/tickets`);
    await page.getByRole("link", { name: subject }).click();
    await page.waitForURL(`${BASE}/admin/tickets/${number}`);
    await page.locator("#canned-reply").selectOption({ label: "Greeting" });
    await page.getByRole("button", { name: "Insert" }).click();
    const body = page.locator("#staff-reply-body");
    await expect(body.inputValue()).resolves.toContain("Hello Nguyễn Thị Lan");
    await body.fill(`${await body.inputValue()}We fixed the SPF record.`);
    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByText("Your reply was sent.").waitFor();

    await page.getByLabel("Internal note").check();
    await page.locator("#staff-reply-body").fill(`Customer had two SPF records ${XSS}`);
    await page.getByRole("button", { name: "Add internal note" }).click();
    await page.getByText("The internal note was added.").waitFor();
    await page.reload();
    await page.getByText("Customer had two SPF records").first().waitFor();
    await noScript();
    await page.close();
  });

  it("the customer sees the answer but not the note, and the email waits in the outbox", async () => {
    const page = await browser.newPage();
    const noScript = await watchForScript(page);
    await signIn(page, "owner@demo.portico.test");
    await page.goto(`${BASE}/support/tickets/${number}`);
    const thread = await page.getByRole("list", { name: "Conversation" }).innerText();
    expect(thread).toContain("We fixed the SPF record.");
    expect(thread).not.toContain("Customer had two SPF records");
    await noScript();
    await page.close();

    const ticket = await db.ticket.findUniqueOrThrow({ where: { number } });
    expect(ticket.status).toBe("answered");
    const emails = await db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `ticket:${ticket.id}:staff_replied:` } } });
    expect(emails.map((e) => e.toAddress)).toContain("owner@demo.portico.test");
    expect(emails.every((e) => !e.textBody.includes("Customer had two SPF records"))).toBe(true);
  });
});
