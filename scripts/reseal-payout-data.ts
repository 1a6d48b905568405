// `npm run payout-data:reseal`: after a key rotation (docs/payout-details.md#keys), re-seals every payout
// account number, IBAN and TIN that is not sealed under the first key of PAYOUT_DATA_KEYS.
import { resealPayoutAccounts } from "@/lib/payout-details/service";
import { resealTaxForms } from "@/lib/tax/forms";
import { openCliDb, runCli } from "./cli-db";

runCli("payout-data:reseal", async () => {
  const handle = await openCliDb("payout-data:reseal");
  const n = (await resealPayoutAccounts(handle.db)) + (await resealTaxForms(handle.db));
  await handle.close();
  console.log(`resealed ${n} value${n === 1 ? "" : "s"} under the first key`);
  return 0;
});
