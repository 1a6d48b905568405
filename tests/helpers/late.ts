/**
 * A stand-in for a value that a `beforeAll` hook makes: declared once at the top of a suite
 * (`const t = useTestDb()`) instead of a `let` plus a hook in every file. Reading a property before the
 * hook has run throws, naming the value, so a test cannot quietly see `undefined`.
 */
export function lateBound<T extends object>(what: string, current: () => T | undefined): T {
  const value = (): T => {
    const v = current();
    if (v === undefined) throw new Error(`${what} is used before the beforeAll hook that makes it has run`);
    return v;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const v = value();
      const out: unknown = Reflect.get(v, key, v);
      return typeof out === "function" ? out.bind(v) : out;
    },
    has: (_, key) => Reflect.has(value(), key),
    ownKeys: () => Reflect.ownKeys(value()),
    getOwnPropertyDescriptor(_, key) {
      const d = Reflect.getOwnPropertyDescriptor(value(), key);
      return d && { ...d, configurable: true };
    },
  });
}
