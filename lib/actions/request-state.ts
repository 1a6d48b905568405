/**
 * What our server-action wrappers tell `npm start`'s server about the current action request
 * (scripts/action-guard.mjs, docs/security.md "Server actions"): that an action started, so a later 500 is
 * a real fault, or that its arguments had the wrong shape, so the answer is 400. Outside that server
 * (tests calling actions directly, `next start`) there is no request state and both are no-ops.
 */
interface ActionRequestState {
  started: boolean;
  status?: number;
}

const STATE = Symbol.for("rp.actionRequest");

function current(): ActionRequestState | undefined {
  const storage = (globalThis as Record<symbol, { getStore(): ActionRequestState | undefined } | undefined>)[STATE];
  return storage?.getStore();
}

/** Called first thing by every action: from here on a failure is ours, not the request's. */
export function actionStarted(): void {
  const state = current();
  if (state) state.started = true;
}

/** The action was called with arguments no form of ours sends: answer 400 instead of 200. */
export function badActionArguments(): void {
  const state = current();
  if (state) state.status = 400;
}

/** A plain object (not an array, not a class instance) or FormData: the only inputs our actions take. */
export function isActionInput(input: unknown): boolean {
  if (input instanceof FormData) return true;
  if (typeof input !== "object" || input === null) return false;
  const proto = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}
