import { z } from "zod";
import { ciEnum, uuid } from "@/lib/api/schemas";
import { MIN_PASSWORD_LENGTH } from "./password";

export const createApiKeySchema = z
  .object({
    name: z.string().trim().min(1, "Required").max(100),
    role: ciEnum(["ADMIN", "PARTNER"]),
    partnerId: uuid().nullish(),
  })
  .strict();

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "At most 200 characters");

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address").max(320));

/** POST /api/v1/auth/token */
export const tokenRequestSchema = z
  .object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1000) })
  .strict();

/** POST /api/v1/auth/invitations */
export const invitationRequestSchema = z.object({ partnerId: uuid() }).strict();
/** POST /api/v1/auth/password-resets */
export const passwordResetRequestSchema = z.object({ email: emailSchema }).strict();
