import { z } from "zod";
import { LICENCE_LINES } from "@/db/schema/licences";
import { enumInput, optionalMultilineText, optionalText } from "@/lib/validation";

const stateCode = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z
    .string({ error: () => "A two-letter state code such as NY" })
    .regex(/^[A-Z]{2}$/, "A two-letter state code such as NY"),
);

/** A calendar date `YYYY-MM-DD` that exists. */
export const isoDate = z
  .string({ error: () => "A date as YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: "Not a calendar date",
    },
  );

/** One licence as an admin records it (docs/compliance.md#licences). */
export const licenceInputSchema = z
  .strictObject({
    state: stateCode,
    number: optionalText(40),
    lines: z
      .array(enumInput(LICENCE_LINES), { error: () => "Lines of authority: LIFE_HEALTH and/or PROPERTY_CASUALTY" })
      .min(1, "At least one line of authority")
      .max(2)
      .transform((l) => [...new Set(l)].sort() as (typeof LICENCE_LINES)[number][]),
    /** The last day the licence is valid; null only for an unverified licence whose expiry is not on file. */
    expiresOn: isoDate.nullable(),
    /** The admin attests that they checked the licence (the evidence note says how). */
    verified: z.boolean({ error: () => "true or false" }),
    evidenceNote: optionalMultilineText(1000),
  })
  .superRefine((l, ctx) => {
    if (l.verified && l.expiresOn === null)
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "A verified licence needs its expiry date" });
  });

/** The partner's whole list: it replaces the licences on file (one per state). */
export const licencesInputSchema = z
  .array(licenceInputSchema)
  .max(60, "At most 60 licences")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((l, i) => {
      if (seen.has(l.state))
        ctx.addIssue({
          code: "custom",
          path: [i, "state"],
          message: `${l.state} is listed twice; one licence per state`,
        });
      seen.add(l.state);
    });
  });

export type LicenceInput = z.infer<typeof licenceInputSchema>;
export type LicencesInput = z.infer<typeof licencesInputSchema>;

export const licenceJson = z.strictObject({
  id: z.uuid(),
  state: z.string(),
  number: z.string().nullable(),
  lines: z.array(z.enum(LICENCE_LINES)),
  expiresOn: z.string().nullable(),
  verified: z.boolean(),
  verification: z
    .strictObject({
      by: z.string().nullable(),
      at: z.iso.datetime(),
      method: z.string().nullable(),
      evidenceNote: z.string().nullable(),
    })
    .nullable(),
  /** Whether it counts now: verified and not past its expiry date. */
  status: z.enum(["VALID", "UNVERIFIED", "EXPIRED"]),
  createdAt: z.iso.datetime(),
});
