export const DEFAULT_READ_CACHE_BYTES = 32 * 1024 * 1024;

/** A rendered 200 response: its bytes and the headers that describe them (Content-Type, Content-Disposition). */
export interface RenderedBody {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

/**
 * Rendered read responses by what determines them (the read model's version, the route, the query and the
 * representation), the least recently used dropped first once they hold more than `maxBytes`. A key names one
 * version of the data, so an entry is never stale: when the read model moves, requests carry a new key and the
 * old entries age out. A dashboard reads the same few answers all day; each is queried and serialised once per
 * version instead of on every request. (A read model is a function of the log up to its checkpoint and of the
 * code: the nightly recalculation rewrites progress rows without moving the checkpoint only when the method
 * changed, that is in a new process with an empty cache; the ETag relies on the same.)
 */
export class BodyCache {
  readonly #entries = new Map<string, RenderedBody>();
  /** Answers being rendered, by key: concurrent misses of one key share one query and one serialisation. */
  readonly loading = new Map<string, Promise<RenderedBody | undefined>>();
  #bytes = 0;

  constructor(
    readonly maxBytes = DEFAULT_READ_CACHE_BYTES,
    /** Larger answers are not kept: one of them would push out many small ones. */
    readonly maxEntryBytes = Math.floor(maxBytes / 8),
  ) {}

  get(key: string): RenderedBody | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      // Most recently used last: Map iterates in insertion order.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: RenderedBody): void {
    const size = entry.body.byteLength + key.length;
    if (size > this.maxEntryBytes) return;
    this.#remove(key);
    this.#entries.set(key, entry);
    this.#bytes += size;
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#remove(oldest);
    }
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.body.byteLength + key.length;
  }
}
