// Staff services in Chromium against the built app: the staff administrator finds a service by its
// domain, suspends it with a reason (an empty reason is refused next to the field; the confirmation
// is backed out of once) and sees the queued job in the history, with who asked for it. Then a server is added in the settings, a duplicate host name is refused at its field,
// and the unused server is deleted through its confirmation. The service and the server carry a
// random suffix, so nothing depends on or disturbs the other demo data.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { db } from "@/lib/db";
import { launchChromium } from "@/tests/helpers/browser";
import { signInAsDemo } from "@/tests/helpers/demo-login";
import { createCustomer } from "@/tests/helpers/factories";

const BASE = process.env.E2E_BASE_URL as string;
const SUFFIX = randomBytes(4).toString("hex");
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

let browser: Browser;
let context: BrowserContext;
let staff: Page;
let serviceId: string;
const serviceName = `Browser test hosting ${SUFFIX}`;
const domain = `e2e-${SUFFIX}.example.org`;

beforeAll(async () => {
  const customer = await createCustomer(db, { name: `E2E Services ${SUFFIX}` });
  serviceId = (await db.service.create({ data: { customerId: customer.id, kind: "hosting", name: serviceName, domain, status: "active", provisioningState: "done" } })).id;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  staff = await context.newPage();
  await signInAsDemo(staff, "admin@demo.portico.test", { totp: true });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("staff suspend a service", () => {
  it("finds the service by its domain from the menu", async () => {
    const page = staff;
    await page.getByRole("link", { name: "Services", exact: true }).first().click();
    await page.waitForURL(`${BASE}/admin/services`);
    await page.getByRole("searchbox", { name: "Search", exact: true }).fill(domain);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === domain);
    const rows = page.getByTestId("service-row");
    await expect(rows.count()).resolves.toBe(1);
    await rows.getByRole("link", { name: serviceName }).click();
    await page.waitForURL(new RegExp(`/admin/services/${UUID}$`));
    expect(new URL(page.url()).pathname).toBe(`/admin/services/${serviceId}`);
    await page.getByRole("heading", { level: 1, name: serviceName }).waitFor();
    await page.getByText("No module calls yet").waitFor();
  });

  it("refuses an empty reason, backs out once, then suspends with a reason and sees the queued job", async () => {
    const page = staff;
    await page.getByTestId("module-suspend").click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Suspend", exact: true }).click();
    await dialog.getByText("Give a reason (at least 3 characters).").waitFor();
    await expect(dialog.getByRole("textbox", { name: "Reason", exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
    await dialog.getByRole("button", { name: "Back" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await db.provisioningJob.count({ where: { serviceId } })).toBe(0);

    await page.getByTestId("module-suspend").click();
    await page.getByRole("alertdialog").getByRole("textbox", { name: "Reason", exact: true }).fill("abuse: phishing page reported");
    await page.getByRole("alertdialog").getByRole("button", { name: "Suspend", exact: true }).click();
    await page.getByTestId("module-action-outcome").getByText("The job is queued.").waitFor();

    const row = page.getByTestId("job-row");
    await row.first().waitFor();
    await expect(row.count()).resolves.toBe(1);
    await expect(row.first().getByRole("cell").nth(0).textContent()).resolves.toBe("Suspend");
    await expect(row.first().getByRole("cell").nth(1).textContent()).resolves.toBe("Queued");
    const adminName = (await db.user.findUniqueOrThrow({ where: { email: "admin@demo.portico.test" }, select: { name: true } })).name;
    await row.first().getByText(adminName, { exact: true }).waitFor();
    // A queued job can be marked done by hand, not retried.
    await expect(row.first().getByTestId("job-mark-done").count()).resolves.toBe(1);
    await expect(row.first().getByTestId("job-retry").count()).resolves.toBe(0);

    const jobs = await db.provisioningJob.findMany({ where: { serviceId } });
    expect(jobs.map((j) => [j.operation, j.status, j.payload])).toEqual([["suspend", "queued", { reason: "staff: abuse: phishing page reported" }]]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetType: "service", targetId: serviceId, action: "services.module.requested" } });
    expect(audit.customerId).toBe((await db.service.findUniqueOrThrow({ where: { id: serviceId } })).customerId);
    await page.getByText("Module action requested").waitFor();
  });
});

describe("staff manage servers", () => {
  const hostname = `web-${SUFFIX}.e2e.example.net`;

  it("adds a server from the settings page, refuses a duplicate host name at its field, and deletes the unused server", async () => {
    const page = staff;
    await page.goto(`${BASE}/admin/settings`);
    await page.getByRole("link", { name: "Manage servers" }).click();
    await page.waitForURL(`${BASE}/admin/settings/servers`);
    await page.getByRole("link", { name: "New server" }).first().click();
    await page.waitForURL(`${BASE}/admin/settings/servers/new`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`E2E ${SUFFIX}`);
    await page.getByRole("textbox", { name: "Hostname", exact: true }).fill("not a host");
    await page.getByRole("button", { name: "Create server" }).click();
    await page.getByText("Enter a fully qualified host name").waitFor();
    await page.getByRole("textbox", { name: "Hostname", exact: true }).fill(hostname.toUpperCase());
    await page.getByRole("textbox", { name: "Location", exact: true }).fill("Bratislava");
    await page.getByRole("button", { name: "Create server" }).click();
    await page.waitForURL(new RegExp(`/admin/settings/servers/${UUID}\\?created=1$`));
    await page.getByText("The server was created.").waitFor();
    const server = await db.server.findUniqueOrThrow({ where: { hostname } });
    expect([server.name, server.location, server.module]).toEqual([`E2E ${SUFFIX}`, "Bratislava", "builtin"]);

    // The same host name on a second server is refused next to the field.
    await page.goto(`${BASE}/admin/settings/servers/new`);
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(`E2E copy ${SUFFIX}`);
    await page.getByRole("textbox", { name: "Hostname", exact: true }).fill(hostname);
    await page.getByRole("button", { name: "Create server" }).click();
    await page.getByText("Another server already has this host name.").waitFor();
    await expect(page.getByRole("textbox", { name: "Hostname", exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");
    expect(await db.server.count({ where: { hostname } })).toBe(1);

    await page.goto(`${BASE}/admin/settings/servers/${server.id}`);
    await page.getByTestId("delete-server").click();
    await page.getByTestId("delete-server-confirm-button").click();
    await page.waitForURL(`${BASE}/admin/settings/servers?deleted=1`);
    await page.getByText("The server was deleted.").waitFor();
    expect(await db.server.findUnique({ where: { id: server.id } })).toBeNull();
  });
});
