import { Webhook } from "standardwebhooks";
import { expect, test, covers } from "./fixtures";
import { receiver } from "./support";

function signed(secret: string, id: string, payload: unknown) {
  const body = JSON.stringify(payload);
  const at = new Date();
  return {
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, body),
    },
  };
}

test("admin registers an endpoint and an inbound secret; a signed CRM lead becomes a referral delivered signed to the endpoint", async ({
  adminPage: page,
  request,
}) => {
  covers("createEndpointAction", "rotateInboundSecretAction");
  test.setTimeout(90_000);
  const rx = await receiver();
  try {
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    const endpoints = page.getByRole("region", { name: "Endpoints" });
    await endpoints.getByLabel("Endpoint URL").fill(rx.url);
    await endpoints.getByRole("button", { name: "Add endpoint" }).click();
    const endpointSecret = (await endpoints.getByTestId("secret-once").textContent())!.trim();
    expect(endpointSecret).toMatch(/^whsec_/);
    await expect(endpoints.getByRole("region", { name: "Webhook endpoints" })).toContainText(rx.url);

    const inbound = page.getByRole("region", { name: "Inbound CRM events" });
    await inbound.getByRole("button", { name: /Generate secret|Rotate secret/ }).click();
    const inboundSecret = (await inbound.getByTestId("secret-once").textContent())!.trim();
    expect(inboundSecret).toMatch(/^whsec_/);

    const email = `crm-${Date.now()}@example.com`;
    const msg = signed(inboundSecret, `msg_e2e_${Date.now()}`, {
      type: "lead.created",
      data: {
        firstName: "Robin",
        lastName: "Crm",
        email,
        insuranceType: "auto",
        referralCode: "DEMPAR0001",
        consent: { given: true, textVersion: "crm-v1" },
        crmOnly: 1,
      },
    });
    const first = await request.post("/api/v1/webhooks/leads", { headers: msg.headers, data: msg.body });
    expect(first.status(), await first.text()).toBe(200);
    const result = await first.json();
    expect(result).toMatchObject({ duplicate: false, result: { referralStatus: "PENDING" } });
    const again = await request.post("/api/v1/webhooks/leads", { headers: msg.headers, data: msg.body });
    expect(await again.json()).toMatchObject({ duplicate: true });
    const forged = await request.post("/api/v1/webhooks/leads", {
      headers: { ...msg.headers, "webhook-signature": "v1,AAAA" },
      data: msg.body,
    });
    expect(forged.status()).toBe(401);

    // The in-process jobs dispatch and deliver within a few ticks; the delivery verifies with the shown secret.
    await expect
      .poll(() => rx.got.find((m) => m.body.includes(result.result.referralId)), { timeout: 45_000, intervals: [1000] })
      .toBeTruthy();
    const delivered = rx.got.find((m) => m.body.includes(result.result.referralId))!;
    const event = new Webhook(endpointSecret).verify(delivered.body, delivered.headers) as {
      type: string;
      data: { id: string };
    };
    expect(event).toMatchObject({ type: "referral.created", data: { id: result.result.referralId } });

    await page.reload();
    await expect(page.getByRole("region", { name: "Webhook deliveries" })).toContainText("Succeeded");
    await expect(page.getByRole("region", { name: "Latest inbound events" })).toContainText(msg.headers["webhook-id"]);
  } finally {
    rx.close();
  }
});

test("the jobs page shows each job's last run, result and next run, and can run one now", async ({
  adminPage: page,
}) => {
  covers("runJobNowAction");
  await page.goto("/admin/jobs");
  await expect(page.getByRole("heading", { name: "Background jobs" })).toBeVisible();
  for (const name of [
    "expire-referrals",
    "release-rewards",
    "dispatch-webhooks",
    "deliver-webhooks",
    "fold-analytics",
    "purge-expired",
  ]) {
    await expect(page.getByTestId(`job-${name}`)).toContainText(/OK|Running/);
  }
  await page.getByRole("button", { name: "Run now purge-expired" }).click();
  await expect(page.getByTestId("job-purge-expired")).toContainText("Due now");
  await expect(page.getByRole("region", { name: "Recent job runs" })).toContainText("dispatch-webhooks");
});

test("a partner cannot open the webhooks or jobs pages", async ({ partnerPage: page }) => {
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toHaveCount(0);
  await page.goto("/admin/jobs");
  await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toHaveCount(0);
});
