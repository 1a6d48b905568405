import type { APIRequestContext } from "@playwright/test";
import { apiToken, covers, expect, test } from "./fixtures";

/**
 * Compliance tools in the admin console, clicked on the demo data: a lead's consent evidence as a printable page
 * and as a JSON download; a privacy export, erasure and the retention setting.
 */

async function get<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const res = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

type LeadPage = { data: { id: string }[] };
type LeadDetail = { id: string; consents: { textHash: string }[] };

test.describe("consent evidence", () => {
  test("the lead page opens the printable evidence and downloads it as JSON", async ({ adminPage: page, request }) => {
    const token = await apiToken(request, "admin");
    const { data } = await get<LeadPage>(request, token, "/api/v1/leads?pageSize=5&sort=-createdAt");
    const lead = await get<LeadDetail>(request, token, `/api/v1/leads/${data[0].id}`);
    expect(lead.consents.length, "demo leads carry consent").toBeGreaterThan(0);
    await page.goto(`/admin/leads/${lead.id}`);

    const [printable] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByRole("link", { name: "Printable evidence" }).click(),
    ]);
    await printable.waitForLoadState();
    await expect(printable.getByRole("heading", { level: 1, name: "Consent evidence" })).toBeVisible();
    await expect(printable.locator("body")).toContainText(lead.consents[0].textHash);
    await expect(printable.getByRole("heading", { name: `Consent 1 of ${lead.consents.length}` })).toBeVisible();
    await printable.close();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download evidence (JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`consent-evidence-${lead.id}.json`);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const evidence = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(evidence.lead.id).toBe(lead.id);
    expect(evidence.consents.map((c: { textHash: string }) => c.textHash).sort()).toEqual(
      lead.consents.map((c) => c.textHash).sort(),
    );
  });
});

test.describe("privacy requests", () => {
  test("an admin exports a person's records, erases them, and sets the retention period", async ({
    adminPage: page,
    request,
  }) => {
    covers("exportPersonAction", "erasePersonAction", "saveRetentionAction");
    const token = await apiToken(request, "admin");
    const email = `privacy-e2e-${Date.now()}@example.com`;
    const created = await request.post("/api/v1/leads", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        firstName: "Priya",
        lastName: "Erasable",
        email,
        phone: "5554443322",
        insuranceType: "LIFE",
        consent: { given: true, textVersion: "e2e-1" },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const leadId = ((await created.json()) as { id: string }).id;

    await page.goto("/admin/privacy");
    const form = page.getByRole("form", { name: "Privacy request" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByRole("button", { name: "Find and export" }).click();
    await expect(page.getByTestId("action-success")).toContainText("Found 1 lead(s), 1 consent(s)");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the export (JSON)" }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    const exported = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    expect(exported.leads.map((l: { id: string; email: string }) => [l.id, l.email])).toEqual([[leadId, email]]);

    await form.getByRole("button", { name: "Erase personal data" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason (kept in the audit log)").fill("CCPA deletion request (e2e)");
    await dialog.getByRole("button", { name: "Erase" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("action-success")).toHaveText(
      "Erased the personal data of 1 lead(s), 1 consent(s) and 0 click(s).",
    );
    const lead = await get<{ email: string | null; phone: string | null; firstName: string }>(
      request,
      token,
      `/api/v1/leads/${leadId}`,
    );
    expect(lead).toMatchObject({ email: null, phone: null, firstName: "[erased]" });

    const retention = page.getByRole("form", { name: "Retention" });
    await retention.getByLabel(/Anonymise leads that never converted/).fill("18");
    await retention.getByRole("button", { name: "Save retention" }).click();
    await expect(retention.locator("..").getByTestId("action-success")).toHaveText(
      "Leads that never converted are anonymised after 18 months.",
    );
    await page.reload();
    await expect(page.getByLabel(/Anonymise leads that never converted/)).toHaveValue("18");
    await page.getByLabel(/Anonymise leads that never converted/).fill("");
    await page.getByRole("button", { name: "Save retention" }).click();
    await expect(page.getByText("Retention is off.")).toBeVisible();
  });
});
