import type { Page } from "@playwright/test";
import { expect, test, covers } from "./fixtures";
import { adminApi, newPartner } from "./support";

/**
 * Licence-aware rewards by clicking and through the API: the admin switches on the (example) NY rule with a
 * $25.00 program fee, records the partner's NY property-and-casualty licence, and a New York life lead
 * from that partner earns the flat referral fee when it qualifies and no percentage when it converts.
 */

async function setNy(page: Page, on: boolean, fee: string) {
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Unlicensed partner rules" });
  await expect(form.getByRole("note")).toContainText("EXAMPLE table");
  await form.getByLabel("Unlicensed referral fee").fill(fee);
  await form.getByLabel("NY switched on").setChecked(on);
  await form.getByRole("button", { name: "Save state rules" }).click();
  await expect(form.getByTestId("action-success")).toHaveText("State rules saved.");
}

test.afterEach(async ({ adminPage }) => {
  // The rule is program-wide: leave it switched off for the other specs.
  await setNy(adminPage, false, "");
});

test("an unlicensed partner's New York life lead earns the flat fee when it qualifies, and no percentage when it converts", async ({
  adminPage: admin,
  request,
}) => {
  covers("saveLicenceRulesAction", "setLicencesAction", "changeLeadStatusAction");
  test.setTimeout(120_000);
  const api = await adminApi(request);
  const partner = await newPartner(request, "Unlicensed");

  await setNy(admin, true, "25.00");

  // A NY licence for property and casualty only, verified by the admin: life leads stay unlicensed.
  await admin.goto(`/admin/partners/${partner.id}`);
  const editor = admin.getByRole("form", { name: "Licences" });
  await editor.getByRole("button", { name: "Add a licence" }).click();
  await editor.getByLabel("Licence 1 state").fill("NY");
  await editor.getByLabel("Licence 1 number").fill("PC-778899");
  await editor.getByLabel("Licence 1 expires on").fill("2030-12-31");
  await editor.getByLabel("Licence 1 Property and casualty").check();
  await editor.getByLabel("Licence 1 evidence note").fill("DFS licence lookup");
  await editor.getByLabel("Licence 1 verified").check();
  await editor.getByRole("button", { name: "Save licences" }).click();
  await expect(editor.getByTestId("action-success")).toHaveText("Licences saved.");
  const onFile = admin.getByRole("table", { name: "Licences on file" });
  await expect(onFile).toContainText("PC-778899");
  await expect(onFile).toContainText("Valid");
  const got = await api.get<{ licenses: { state: string; lines: string[]; verified: boolean }[] }>(
    `/api/v1/partners/${partner.id}`,
  );
  expect(got.licenses).toMatchObject([{ state: "NY", lines: ["PROPERTY_CASUALTY"], verified: true }]);

  // The lead, through the API.
  const lead = await api.post<{ id: string }>("/api/v1/leads", {
    firstName: "Nora",
    lastName: "Newyork",
    email: `nora.${Date.now()}@example.com`,
    state: "NY",
    insuranceType: "LIFE",
    referralCode: partner.referralCode,
    consent: { given: true, textVersion: "e2e-licences" },
  });

  // Qualified by clicking.
  await admin.goto(`/admin/leads/${lead.id}`);
  const status = admin.getByRole("form", { name: "Change the lead's status" });
  await status.getByLabel("New status").selectOption("QUALIFIED");
  await status.getByRole("button", { name: "Change status" }).click();
  await admin
    .getByRole("dialog", { name: "Mark the lead Qualified?" })
    .getByRole("button", { name: "Change status" })
    .click();
  await expect(status.getByTestId("action-success")).toContainText("Lead is now Qualified.");

  // Converted through the API.
  await api.patch(`/api/v1/leads/${lead.id}`, { status: "CONVERTED", conversionValueCents: 120_000 });

  type Reward = {
    type: string;
    status: string;
    amountCents: number;
    rateBps: number | null;
    calculation: { explanation: string };
  };
  const { data } = await api.get<{ data: Reward[] }>(`/api/v1/rewards?partnerId=${partner.id}`);
  const fee = data.find((r) => r.type === "REFERRAL_FEE");
  const conversion = data.find((r) => r.type === "CONVERSION");
  const why =
    "unlicensed in NY: flat referral fee, not contingent on purchase = $25.00 (the NY licence does not cover life and health)";
  expect(fee).toMatchObject({ status: "CALCULATED", amountCents: 2500, calculation: { explanation: why } });
  expect(conversion).toMatchObject({ status: "CANCELLED", amountCents: 0, rateBps: null });
  expect(data.filter((r) => r.amountCents > 0)).toHaveLength(1);

  // The admin reads which rule applied on the partner page.
  await admin.goto(`/admin/partners/${partner.id}`);
  await expect(admin.getByText(why)).toBeVisible();
});
