/** Small helpers shared by specs: API calls as the demo admin, a local webhook receiver, a fresh signed-up partner. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { apiToken, expect } from "./fixtures";

/** JSON calls to /api/v1 as the demo admin; each asserts the expected status and returns the body. */
export async function adminApi(request: APIRequestContext) {
  const headers = { authorization: `Bearer ${await apiToken(request, "admin")}` };
  const call = async <T>(method: "get" | "post" | "patch", path: string, data?: unknown, status = 200) => {
    const res = await request[method](path, { headers, data });
    expect(res.status(), `${method.toUpperCase()} ${path}: ${await res.text()}`).toBe(status);
    return (await res.json()) as T;
  };
  return {
    get: <T = Record<string, unknown>>(path: string) => call<T>("get", path),
    post: <T = Record<string, unknown>>(path: string, data: unknown, status = 201) =>
      call<T>("post", path, data, status),
    patch: <T = Record<string, unknown>>(path: string, data: unknown, status = 200) =>
      call<T>("patch", path, data, status),
    /** A BONUS reward for the partner, approved at once so that the next batch pays it. */
    async approvedBonus(partnerId: string, amountCents: number, reason: string) {
      const reward = await call<{ id: string }>(
        "post",
        "/api/v1/rewards",
        { partnerId, type: "BONUS", amountCents, reason },
        201,
      );
      await call("post", `/api/v1/rewards/${reward.id}/approve`, {}, 200);
      return reward;
    },
  };
}

/** A new ACTIVE partner made through the API, with its id and code. */
export async function newPartner(request: APIRequestContext, lastName: string) {
  const api = await adminApi(request);
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return api.post<{ id: string; referralCode: string; email: string }>("/api/v1/partners", {
    firstName: "Action",
    lastName,
    email: `action.${stamp}@partners.test`,
    phone: `555${stamp.slice(-7)}`,
  });
}

/** Signs up a new partner through /signup in its own browser context; returns the e-mail and password. */
export async function signUpPartner(browser: Browser, baseURL: string | undefined, lastName: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const email = `${lastName.toLowerCase()}.${Date.now()}@example.com`;
  const password = "signed-up-password-1";
  await page.goto("/signup");
  await page.getByLabel("First name").fill("Sam");
  await page.getByLabel("Last name").fill(lastName);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByRole("button", { name: "Create partner account" }).click();
  await expect(page.getByTestId("referral-code")).toBeVisible();
  return { email, password, context, page };
}

/** The partner signed in on `page`, as GET /api/v1/partners/me answers. */
export async function partnerMe(page: Page) {
  return (await (await page.request.get("/api/v1/partners/me")).json()) as {
    id: string;
    firstName: string;
    lastName: string;
  };
}

/**
 * Leaves only the partner named `name` ticked in the batch form: every other ticked one is unticked by its name
 * (a list of nth() locators shifts as boxes change). Returns the names that were ticked before.
 */
export async function tickOnly(form: Locator, name: string) {
  const ticked = await form
    .getByRole("checkbox", { checked: true })
    .evaluateAll((boxes) => boxes.map((b) => b.getAttribute("aria-label") ?? ""));
  for (const other of ticked)
    if (other !== name) await form.getByRole("checkbox", { name: other, exact: true }).uncheck();
  return ticked;
}

/** A value `enter` chooses in a select, where a plain string is typed. */
export const option = (value: string) => ({ option: value });

/** Enters each value, in order, in the field of that label in `scope`: typed, or chosen for `option(…)`. */
export async function enter(scope: Page | Locator, fields: Record<string, string | { option: string }>) {
  for (const [label, value] of Object.entries(fields)) {
    const field = scope.getByLabel(label);
    if (typeof value === "string") await field.fill(value);
    else await field.selectOption(value.option);
  }
}

/** Every field named in `kept` (label → value) still holds its value, as after a failed submission. */
export async function expectKept(scope: Page | Locator, kept: Record<string, string>) {
  for (const [label, value] of Object.entries(kept)) await expect(scope.getByLabel(label), label).toHaveValue(value);
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A day as the ECB's daily reference-rate file (eurofxref.csv) writes it: "03 December 2026". */
export function ecbDate(day: Date): string {
  return `${String(day.getUTCDate()).padStart(2, "0")} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** A receiver for outbound webhooks on 127.0.0.1 (the e2e server runs with WEBHOOKS_ALLOW_PRIVATE=1). */
export async function receiver(pathName = "/e2e-hook") {
  const got: { headers: Record<string, string>; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ headers: req.headers as Record<string, string>, body });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathName}`,
    got,
    close: () => server.close(),
  };
}

/** A partner submits a referral on /portal/referrals/new by clicking; returns its id. */
export async function submitReferral(page: Page, first: string, type: string): Promise<string> {
  await page.goto("/portal/referrals/new");
  await page.getByLabel("First name", { exact: true }).fill(first);
  await page.getByLabel("Last name", { exact: true }).fill("Planned");
  await page.getByLabel("E-mail", { exact: true }).fill(`${first.toLowerCase()}.${Date.now()}@example.com`);
  await page.getByLabel("Insurance", { exact: true }).selectOption(type);
  await page.getByLabel("How did you meet?", { exact: true }).selectOption("PHONE");
  await page.getByLabel(/I confirm that this person agreed/).check();
  await page.getByRole("button", { name: "Submit referral" }).click();
  await expect(page).toHaveURL(/\/portal\/referrals\/[0-9a-f-]{36}\?submitted=1$/);
  return /referrals\/([0-9a-f-]{36})/.exec(page.url())![1];
}
