import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets at rest (account numbers, IBANs, TINs): AES-256-GCM under a key from `PAYOUT_DATA_KEYS`
 * (docs/payout-details.md#keys). A sealed value is `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), so a
 * value names the key that sealed it: sealing uses the first key, opening uses whichever key the value
 * names. Rotation = put the new key first, keep the old ones after it, run `npm run payout-data:reseal`.
 */

export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * The key used when `PAYOUT_DATA_KEYS` is unset: for development and tests only. It is public (it is in
 * this file), so anything sealed with it is as good as plaintext; boot warns when production runs on it.
 */
export const DEV_KEY_ID = "dev";
const DEV_KEY = Buffer.from("rp-dev-only-payout-data-key-32b!", "utf8");

/** Parses `id:base64key,id2:base64key2` (32-byte keys); the first one seals. */
export function parseDataKeys(spec: string | undefined): DataKey[] {
  if (!spec?.trim()) return [{ id: DEV_KEY_ID, key: DEV_KEY }];
  return spec.split(",").map((part) => {
    const [id, b64] = part.trim().split(":");
    const key = Buffer.from(b64 ?? "", "base64");
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id ?? "") || key.length !== 32)
      throw new Error("PAYOUT_DATA_KEYS: each entry is <id>:<base64 of 32 bytes>");
    return { id, key };
  });
}

export const dataKeys = (): DataKey[] => parseDataKeys(env().PAYOUT_DATA_KEYS);
export const usingDevKey = (): boolean => dataKeys()[0].id === DEV_KEY_ID;

const b64 = (b: Buffer) => b.toString("base64url");

/** Seals `plain` under the first key. A fresh random IV each time, so equal values seal differently. */
export function seal(plain: string, keys: DataKey[] = dataKeys()): string {
  const { id, key } = keys[0];
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(id));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", id, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join(".");
}

/** The key id a sealed value names (to find values still sealed under an old key). */
export const sealedKeyId = (sealed: string): string | null => sealed.split(".")[1] ?? null;

/** Opens a sealed value with the key it names; throws when that key is not configured or the value was altered. */
export function open(sealed: string, keys: DataKey[] = dataKeys()): string {
  const [v, id, iv, tag, ct] = sealed.split(".");
  if (v !== "v1" || !id || !iv || !tag || ct === undefined) throw new Error("Not a sealed value");
  const key = keys.find((k) => k.id === id);
  if (!key) throw new Error(`The key "${id}" that sealed this value is not in PAYOUT_DATA_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** `•••• 6789`: the last four characters only, for every screen, export and log. */
export const maskTail = (last4: string | null | undefined): string => (last4 ? `•••• ${last4}` : "—");
