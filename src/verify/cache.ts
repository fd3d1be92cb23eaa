/**
 * A small least-recently-used cache with the second-chance (CLOCK) approximation: Map keeps insertion
 * order; a hit only sets the entry's `used` flag (re-inserting on every hit costs more than the whole
 * cached verification, as V8 rehashes maps with many deleted slots); eviction walks from the oldest,
 * moving used entries to the back with the flag cleared and dropping the first unused one.
 * O(1) amortised, no dependencies.
 *
 * Bounded twice: at most `max` entries, and at most `maxBytes` in total of the sizes given to `set`
 * (the verifier gives {@link estimateEntryBytes}). An entry larger than `maxBytes` is not kept. A hit
 * costs the same as without the byte bound: sizes are only read on insert and eviction.
 */
interface Slot<V> {
  value: V;
  used: boolean;
  bytes: number;
}

export class LruCache<K, V> {
  readonly #map = new Map<K, Slot<V>>();
  readonly #max: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(max: number, maxBytes = Number.POSITIVE_INFINITY) {
    this.#max = max;
    this.#maxBytes = maxBytes;
  }

  get size(): number {
    return this.#map.size;
  }

  /** The sum of the sizes of the entries held. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: K): V | undefined {
    const slot = this.#map.get(key);
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.value;
  }

  set(key: K, value: V, bytes = 0): void {
    const map = this.#map;
    const slot = map.get(key);
    if (slot !== undefined) {
      this.#bytes -= slot.bytes;
      map.delete(key);
    }
    if (bytes > this.#maxBytes) return;
    while (map.size > 0 && (map.size >= this.#max || this.#bytes + bytes > this.#maxBytes)) this.#evict();
    map.set(key, { value, used: slot !== undefined, bytes });
    this.#bytes += bytes;
  }

  delete(key: K): void {
    const slot = this.#map.get(key);
    if (slot === undefined) return;
    this.#bytes -= slot.bytes;
    this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
    this.#bytes = 0;
  }

  /** Drops the oldest entry not used since it was last given a second chance. */
  #evict(): void {
    const map = this.#map;
    for (;;) {
      const oldest = map.keys().next();
      if (oldest.done === true) return;
      const slot = map.get(oldest.value)!;
      map.delete(oldest.value);
      if (!slot.used) {
        this.#bytes -= slot.bytes;
        return;
      }
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

// What a decoded JSON value costs on a 64-bit V8 heap, estimated high on purpose (measured against
// Node 20: real use is below the estimate for every shape tried, from plain claims to 4,000 empty
// objects or unique member names per object, which cost up to ~20x their JSON text).
const ENTRY_BYTES = 256; // the cache slot, the Map entry, the result and entry records
const OBJECT_BYTES = 64 + 80; // the object, and a hidden class of its own in the worst case
const MEMBER_BYTES = 64; // a property (dictionary entry or field + descriptor), beside its name
const ARRAY_BYTES = 64;
const ELEMENT_BYTES = 8;
const STRING_BYTES = 24;
const NUMBER_BYTES = 16;
const WIDE = /[^\0-\xff]/;

function stringBytes(text: string): number {
  return STRING_BYTES + (WIDE.test(text) ? 2 : 1) * text.length;
}

/**
 * Estimated heap size of a cache entry: the token string it is keyed by and the decoded JSON values
 * it holds (header and payload). Walks the values iteratively (any depth), once, on insert.
 */
export function estimateEntryBytes(token: string, values: readonly unknown[]): number {
  let bytes = ENTRY_BYTES + stringBytes(token);
  const stack: unknown[] = [...values];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') bytes += stringBytes(value);
    else if (typeof value === 'number') bytes += NUMBER_BYTES;
    else if (Array.isArray(value)) {
      bytes += ARRAY_BYTES + ELEMENT_BYTES * value.length;
      for (let i = 0; i < value.length; i++) stack.push(value[i]);
    } else if (typeof value === 'object' && value !== null) {
      const names = Object.keys(value);
      bytes += names.length === 0 ? OBJECT_BYTES - 80 : OBJECT_BYTES;
      for (const name of names) {
        bytes += MEMBER_BYTES + stringBytes(name);
        stack.push((value as Record<string, unknown>)[name]);
      }
    }
  }
  return bytes;
}
