import { describe, expect, it } from "vitest";
import { POST as token } from "@/app/api/v1/auth/token/route";
import { consumeToken, createPasswordReset } from "@/lib/auth/tokens";
import { call, apiSuite, TEST_PASSWORD } from "../helpers/http";

const { t } = apiSuite();

let ipSeq = 0;
/** Every attempt from its own address, as a botnet (or a forged X-Forwarded-For) would send them. */
const attempt = (email: string, password: string, ip = `198.51.${100 + (++ipSeq >> 8)}.${ipSeq & 255}`) =>
  call(token, "POST /api/v1/auth/token", { body: { email, password }, headers: { "x-forwarded-for": ip } });

describe("a failure cap per account, whatever the address", () => {
  it("20 failures from 20 addresses lock the account: the right password is refused, with Retry-After", async () => {
    const p = await t.partner();
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) statuses.push((await attempt(p.user.email, `wrong-${i}`)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(4).fill(429));
    const locked = await attempt(p.user.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("the owner clears the lock with a password reset", async () => {
    const p = await t.partner();
    for (let i = 0; i < 21; i++) await attempt(p.user.email, `wrong-${i}`);
    expect((await attempt(p.user.email, TEST_PASSWORD)).status).toBe(429);
    const link = await createPasswordReset(t.db, p.user.email);
    const resetToken = link!.path.split("/").pop()!;
    await consumeToken(t.db, resetToken, "RESET", "a-brand-new-password-1");
    expect((await attempt(p.user.email, "a-brand-new-password-1")).status).toBe(200);
  });

  it("an unknown e-mail is capped the same way, so the answer does not reveal which accounts exist", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await attempt("nobody-here@test.example", `wrong-${i}`)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
}, 120_000);
