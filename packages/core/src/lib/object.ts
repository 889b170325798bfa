/**
 * A shallow copy of `source` with `fields` set (added after its own keys, or
 * replacing them in place). Use it instead of `{ ...source, ...fields }` for
 * objects a cache keeps: at a megamorphic site V8 gives each spread copy a
 * hidden class of its own, so thousands of cached origins would each add
 * classes (memory, and slower property reads wherever the copies are read).
 * Copied key by key, the copies share their classes.
 */
export function copyWith<T extends object, F extends object>(source: T, fields: F): Omit<T, keyof F> & F {
  const copy: Record<string, unknown> = {};
  for (const key in source) copy[key] = source[key];
  for (const key in fields) copy[key] = fields[key];
  return copy as Omit<T, keyof F> & F;
}
