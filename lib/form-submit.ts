import { startTransition, type FormEvent } from "react";

/**
 * An `onSubmit` for a form whose `action` is a `useActionState` dispatch: sends the same FormData
 * through a transition instead. React resets a form after its `action` prop runs, which empties every
 * field without a default value and every select (their defaults are fixed at mount), so a failed
 * submission would lose what was typed. The `action` prop stays for browsers without JavaScript.
 */
export function submitKeepingValues(dispatch: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const form = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(form));
  };
}
