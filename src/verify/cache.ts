/**
 * A small least-recently-used cache with the second-chance (CLOCK) approximation: Map keeps insertion
 * order; a hit only sets the entry's `used` flag (re-inserting on every hit costs more than the whole
 * cached verification, as V8 rehashes maps with many deleted slots); eviction walks from the oldest,
 * moving used entries to the back with the flag cleared and dropping the first unused one.
 * O(1) amortised, no dependencies.
 */
interface Slot<V> {
  value: V;
  used: boolean;
}

export class LruCache<K, V> {
  readonly #map = new Map<K, Slot<V>>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const slot = this.#map.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  set(key: K, value: V): void {
    const map = this.#map;
    const slot = map.get(key);
    if (slot !== undefined) {
      slot.value = value;
      slot.used = true;
      return;
    }
    if (map.size >= this.#max) this.#evict();
    map.set(key, { value, used: false });
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }

  /** Drops the oldest entry not used since it was last given a second chance. */
  #evict(): void {
    const map = this.#map;
    for (;;) {
      const oldest = map.keys().next();
      if (oldest.done === true) return;
      const slot = map.get(oldest.value)!;
      map.delete(oldest.value);
      if (!slot.used) return;
      slot.used = false;
      map.set(oldest.value, slot);
    }
  }
}

/** Freezes a JSON value and everything in it (iteratively: deep nesting cannot overflow the stack). */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
  }
  return value;
}
