import { z } from "zod";

/** An enum accepted case-insensitively on input ("website" → "WEBSITE"; docs/api.md#input). */
export { enumInput as ciEnum } from "@/lib/validation";

/** A UUID (any version: ids come from PostgreSQL's gen_random_uuid, tests may use others). */
export const uuid = () => z.guid("Must be a UUID");

/** Route params of `[id]` routes. */
export const idParams = z.object({ id: uuid() }).strict();
