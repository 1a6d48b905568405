"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { buttonClass, type ButtonVariant } from "./button";
import { controlClass } from "./field";

/**
 * A button that opens a modal confirmation (native <dialog>: focus is trapped, Esc cancels, focus
 * returns to the button). With `reason`, a reason must be typed before confirming.
 *
 * The dialog holds no <form>: callers place it inside their own forms, and a nested form start tag is
 * dropped by the HTML parser (the server HTML and the client tree then differ, and the confirm button
 * would submit the outer form). Confirming calls `onConfirm` directly.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  tone = "primary",
  reason,
  children,
  onConfirm,
  disabled,
  triggerVariant = "secondary",
  triggerClassName,
}: {
  trigger: ReactNode;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone?: "primary" | "danger";
  /** Ask for a reason: its label, and whether it may be empty. */
  reason?: { label: string; required?: boolean; placeholder?: string };
  children?: ReactNode;
  /** Resolve true to close the dialog. */
  onConfirm: (reason: string) => Promise<boolean> | boolean;
  disabled?: boolean;
  triggerVariant?: ButtonVariant;
  /** Replaces the trigger's button classes (a full-size primary button, for example). */
  triggerClassName?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const missing = !!reason?.required && text.trim().length === 0;

  async function confirm() {
    setTouched(true);
    if (missing) return;
    setBusy(true);
    try {
      if (await onConfirm(text.trim())) {
        ref.current?.close();
        setText("");
        setTouched(false);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={triggerClassName ?? buttonClass(triggerVariant, "sm")}
        disabled={disabled}
        onClick={() => ref.current?.showModal()}
      >
        {trigger}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-t`}
        aria-describedby={description ? `${id}-d` : undefined}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="flex flex-col gap-4 p-5">
          <h2 id={`${id}-t`} className="text-lg font-semibold">
            {title}
          </h2>
          {description ? (
            <div id={`${id}-d`} className="text-sm text-slate-600">
              {description}
            </div>
          ) : null}
          {children}
          {reason ? (
            <div>
              <label htmlFor={`${id}-r`} className="block text-sm font-medium">
                {reason.label}
                {reason.required ? <span className="text-rose-700"> (required)</span> : null}
              </label>
              <textarea
                id={`${id}-r`}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={3}
                maxLength={500}
                placeholder={reason.placeholder}
                className={`${controlClass(touched && missing)} mt-1`}
                aria-invalid={touched && missing ? true : undefined}
                aria-describedby={touched && missing ? `${id}-re` : undefined}
              />
              {touched && missing ? (
                <p id={`${id}-re`} className="mt-1 text-xs font-medium text-rose-700">
                  Please give a reason.
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              className={buttonClass("secondary", "sm")}
              onClick={() => ref.current?.close()}
              disabled={busy}
            >
              Cancel
            </button>
            <button type="button" className={buttonClass(tone, "sm")} disabled={busy} onClick={() => void confirm()}>
              {busy ? "Working…" : confirmLabel}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
