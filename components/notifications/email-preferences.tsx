"use client";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { saveEmailPreferencesAction } from "@/lib/notifications/actions";

/** One checkbox per category the user may turn off; account and security mail is always sent. */
export function EmailPreferences({ categories }: { categories: { key: string; label: string; on: boolean }[] }) {
  const save = useAction(saveEmailPreferencesAction, { success: "Your e-mail choices are saved." });
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.run(new FormData(e.currentTarget) as never);
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-900">Send me e-mails about</legend>
        {categories.map((c) => (
          <Checkbox key={c.key} name="on" value={c.key} id={`email-${c.key}`} label={c.label} defaultChecked={c.on} />
        ))}
      </fieldset>
      <p className="text-sm text-slate-600">
        Account and security e-mails (invitations, password resets, decisions on your application) are always sent.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.pending}>
          Save e-mail choices
        </Button>
        <Notice outcome={save.outcome} />
      </div>
    </form>
  );
}
