import { PAYMENT_METHODS } from "@/db/schema/enums";
import { humanize } from "@/components/ui";

/** The `<option>`s of every payment-method select, in the schema's order and the console's words. */
export function PaymentMethodOptions() {
  return PAYMENT_METHODS.map((m) => (
    <option key={m} value={m}>
      {humanize(m)}
    </option>
  ));
}
