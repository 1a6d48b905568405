"use client";
import { useState } from "react";
import { assignPlanAction } from "@/app/(admin)/admin/plans/actions";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";

/** Puts the partner on a plan; the default plan is the empty choice. */
export function PlanAssign({
  partnerId,
  planId,
  plans,
}: {
  partnerId: string;
  planId: string | null;
  plans: { id: string; name: string; isDefault: boolean }[];
}) {
  const [value, setValue] = useState(planId ?? "");
  const { run, pending, outcome } = useAction(assignPlanAction, { success: "Plan assigned." });
  return (
    <form
      aria-label="Commission plan"
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (e) => {
        e.preventDefault();
        await run({ partnerId, commissionPlanId: value });
      }}
    >
      <Field label="Plan" id="assign-plan">
        {(p) => (
          <select {...p} value={value} onChange={(e) => setValue(e.target.value)}>
            {plans.map((x) => (
              <option key={x.id} value={x.isDefault ? "" : x.id}>
                {x.name}
                {x.isDefault ? " (default)" : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className={buttonClass("secondary")} disabled={pending}>
        Assign plan
      </button>
      <Notice outcome={outcome} />
    </form>
  );
}
