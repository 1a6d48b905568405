/** What the webhooks and jobs admin actions answer: data, or a message with field errors. */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };
