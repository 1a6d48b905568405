/** Write functions take `{ now }` so jobs, tests and the demo seed can run them on a fixed clock. */
export interface Clock {
  now?: Date;
}
export const nowOf = (clock?: Clock) => clock?.now ?? new Date();
export const DAY_MS = 86_400_000;
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);
