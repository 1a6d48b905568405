import { describe, expect, it } from "vitest";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { signupAction } from "@/lib/auth/actions";
import { runWithSessionUser } from "@/tests/helpers/session";
import { submitReferralSchema } from "@/lib/referrals/submit";
import { fieldLabel } from "@/lib/validation-messages";
import { apiSuite } from "../helpers/http";

/** zod's own wording: a person must never see it. */
const RAW = /Invalid input|expected \w+|received|nonoptional|Too (small|big)|Invalid option/;

describe("every message a form shows is written for a person and names the field", () => {
  const { t } = apiSuite();

  it("sign-up with every field empty: one message per field, in words", async () => {
    const res = await signupAction(null, new FormData());
    if (res.ok) throw new Error("an empty sign-up must fail");
    expect(res.fieldErrors).toMatchObject({
      firstName: "Enter a first name",
      lastName: "Enter a last name",
      email: "Enter a valid e-mail address",
      password: "Password is required",
      confirmPassword: "Repeat the password",
    });
    for (const m of Object.values(res.fieldErrors ?? {})) expect(m).not.toMatch(RAW);
  });

  it("the portal referral form with nothing filled in names each missing field", async () => {
    const partner = await t.partner();
    const submit = (await import("@/app/(partner)/portal/referrals/new/actions")).submitReferralAction;
    const res = await runWithSessionUser(partner.user, () => submit(null, new FormData()));
    if (res.ok) throw new Error("an empty referral must fail");
    expect(Object.keys(res.fieldErrors ?? {})).toEqual(expect.arrayContaining(["firstName", "insuranceType"]));
    for (const m of Object.values(res.fieldErrors ?? {})) expect(m).not.toMatch(RAW);
    expect(
      submitReferralSchema
        .safeParse({})
        .error?.issues.map((i) => i.message)
        .join(" "),
    ).not.toMatch(RAW);
  });

  it("zod's defaults of every kind become words; a schema's own message wins", async () => {
    const action = publicAction(
      z.object({
        age: z.coerce.number().int().min(18),
        tags: z.array(z.string()).min(1),
        kind: z.enum(["BANK_TRANSFER", "PAYPAL"]),
        website: z.url(),
        partnerId: z.uuid(),
        nickname: z.string().max(3),
        mine: z.string({ error: "Say hello" }),
      }),
      async () => "never",
    );
    const res = await action(null, {
      age: "12",
      tags: [],
      kind: "CASH",
      website: "nope",
      partnerId: "x",
      nickname: "toolong",
    } as never);
    expect(res).toMatchObject({
      ok: false,
      fieldErrors: {
        age: "Age must be at least 18",
        tags: "Tags: choose at least 1",
        kind: "Kind: choose one of Bank transfer, PayPal",
        website: "Website must be a web address",
        partnerId: "Partner must be a valid id",
        nickname: "Nickname must be at most 3 characters",
        mine: "Say hello",
      },
    });
    expect(fieldLabel(["lead", "firstName"])).toBe("First name");
    expect(fieldLabel(["items", 2, "insuranceType"])).toBe("Type of insurance");
  });
});
