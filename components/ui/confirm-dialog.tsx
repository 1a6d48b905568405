"use client";

import { useRef, type ReactNode } from "react";
import { buttonClass, type ButtonVariant } from "./button";

/**
 * A button that opens a native modal dialog (focus trapped, Escape closes) holding a form posted to
 * `action` (a server action). Extra inputs (a reason, hidden ids) go in `children`.
 */
export function ConfirmDialog({
  triggerLabel,
  title,
  description,
  confirmLabel = "Confirm",
  action,
  hidden,
  children,
  tone = "primary",
  triggerVariant = "secondary",
  disabled,
}: {
  triggerLabel: ReactNode;
  title: string;
  description?: ReactNode;
  confirmLabel?: string;
  action: (formData: FormData) => void | Promise<void>;
  hidden?: Record<string, string>;
  children?: ReactNode;
  tone?: "primary" | "danger";
  triggerVariant?: ButtonVariant;
  disabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `dlg-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <>
      <button
        type="button"
        className={buttonClass(triggerVariant, "sm")}
        onClick={() => ref.current?.showModal()}
        disabled={disabled}
      >
        {triggerLabel}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          action={async (fd) => {
            await action(fd);
            ref.current?.close();
          }}
          className="flex flex-col gap-4 p-5"
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && <div className="text-sm text-slate-700">{description}</div>}
          {hidden && Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          {children}
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("secondary", "sm")} onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" className={buttonClass(tone, "sm")}>
              {confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
