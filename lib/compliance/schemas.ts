import { z } from "zod";
import { emailInput, phoneInput, requiredText } from "@/lib/validation";

/** Blank form fields are "not given". */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const subjectFields = {
  email: z.preprocess(blank, emailInput("Enter a valid e-mail address, like name@example.com").optional()),
  phone: z.preprocess(blank, phoneInput("Enter a phone number with 7 to 15 digits").optional()),
};

const needsOne = (v: { email?: string; phone?: string }, ctx: z.RefinementCtx) => {
  if (!v.email && !v.phone) {
    const message = "Enter the person's e-mail address or phone number";
    ctx.addIssue({ code: "custom", path: ["email"], message });
    ctx.addIssue({ code: "custom", path: ["phone"], message });
  }
};

/** Who a privacy request is about: the e-mail and/or phone the person gave (matched like lead merging). */
export const privacySubjectSchema = z.strictObject(subjectFields).superRefine(needsOne);
export type PrivacySubject = z.infer<typeof privacySubjectSchema>;

/** An erasure: the person and why (kept, with masked references, in the audit log). */
export const privacyEraseSchema = z
  .strictObject({ ...subjectFields, reason: requiredText(500, "Say why (for example: CCPA deletion request)") })
  .superRefine(needsOne);
export type PrivacyEraseInput = z.infer<typeof privacyEraseSchema>;
