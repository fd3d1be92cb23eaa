/**
 * A small least-recently-used map: Map keeps insertion order, so the first key is the least recently
 * used once every hit re-inserts its key. O(1) get/set, no dependencies.
 */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const map = this.#map;
    const value = map.get(key);
    if (value !== undefined) {
      map.delete(key);
      map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    const map = this.#map;
    if (map.has(key)) map.delete(key);
    else if (map.size >= this.#max) map.delete(map.keys().next().value as K);
    map.set(key, value);
  }

  delete(key: K): void {
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
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
