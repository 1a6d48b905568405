"use client";
import { useState } from "react";
import { erasePersonAction, exportPersonAction, saveRetentionAction } from "@/app/(admin)/admin/privacy/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";

const subjectOf = (email: string, phone: string) => ({
  ...(email.trim() ? { email: email.trim() } : {}),
  ...(phone.trim() ? { phone: phone.trim() } : {}),
});

/** Privacy requests (export, erasure) for one person, and the retention period of never-converted leads. */
export function PrivacyTools({ retentionMonths }: { retentionMonths: number | null }) {
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [months, setMonths] = useState(retentionMonths === null ? "" : String(retentionMonths));
  const exp = useAction(exportPersonAction, {
    refresh: false,
    success: (d) =>
      `Found ${d.counts.leads} lead(s), ${d.counts.consents} consent(s), ${d.counts.referrals} referral(s), ` +
      `${d.counts.clicks} click(s), ${d.counts.events} audit event(s), ${d.counts.webhookPayloads} webhook payload(s).`,
  });
  const era = useAction(erasePersonAction, {
    success: (d) =>
      d.leads === 0
        ? "No records of this person; the request is logged."
        : `Erased the personal data of ${d.leads} lead(s), ${d.consents} consent(s) and ${d.clicks} click(s).`,
  });
  const ret = useAction(saveRetentionAction, {
    success: (d) =>
      d.months ? `Leads that never converted are anonymised after ${d.months} months.` : "Retention is off.",
  });
  const outcome = era.outcome ?? exp.outcome;
  const download = exp.data ? `data:application/json;charset=utf-8,${encodeURIComponent(exp.data.json)}` : null;
  return (
    <>
      <Card title="Privacy request">
        <form className="flex flex-col gap-3" aria-label="Privacy request" onSubmit={(e) => e.preventDefault()}>
          <div className="flex flex-wrap items-end gap-3">
            <Field label="E-mail" id="pr-email" error={fieldError(outcome, "email")} className="w-72">
              {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <Field label="Phone" id="pr-phone" error={fieldError(outcome, "phone")} className="w-56">
              {(p) => <input {...p} inputMode="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />}
            </Field>
            <Button
              disabled={exp.pending}
              onClick={() => {
                era.setOutcome(null);
                void exp.run(subjectOf(email, phone));
              }}
            >
              Find and export
            </Button>
            <ConfirmDialog
              trigger="Erase personal data"
              triggerVariant="danger"
              tone="danger"
              title="Erase this person's personal data?"
              description="Names, e-mail, phone, ZIP, message, IPs, user agents and every copy in payloads and audit data are replaced. Consent hashes and times, rewards and payouts stay. This cannot be undone."
              reason={{ label: "Reason (kept in the audit log)", required: true, placeholder: "CCPA deletion request" }}
              confirmLabel="Erase"
              onConfirm={async (reason) => {
                exp.setOutcome(null);
                return !!(await era.run({ ...subjectOf(email, phone), reason }))?.ok;
              }}
            />
          </div>
          <Notice outcome={outcome} />
          {download && exp.outcome?.kind === "success" && !era.outcome ? (
            <a
              className={buttonClass("secondary", "sm", "self-start")}
              href={download}
              download={`privacy-export-${exp.data!.requestId}.json`}
            >
              Download the export (JSON)
            </a>
          ) : null}
        </form>
      </Card>
      <Card title="Retention">
        <form
          className="flex flex-wrap items-end gap-3"
          aria-label="Retention"
          onSubmit={(e) => {
            e.preventDefault();
            void ret.run({ retentionAnonymiseMonths: months });
          }}
        >
          <Field
            label="Anonymise leads that never converted after (months)"
            id="pr-months"
            optional
            hint="Empty: off. The anonymise-stale-leads job runs daily."
            error={fieldError(ret.outcome, "retentionAnonymiseMonths")}
            className="w-96"
          >
            {(p) => <input {...p} inputMode="numeric" value={months} onChange={(e) => setMonths(e.target.value)} />}
          </Field>
          <Button type="submit" variant="secondary" disabled={ret.pending}>
            Save retention
          </Button>
        </form>
        <Notice outcome={ret.outcome} className="mt-3" />
      </Card>
    </>
  );
}
