import type { MiddlewareHandler } from 'hono';
import { raise } from '../problem.ts';

export const DEFAULT_IMPORT_CONCURRENCY = 2;
export const DEFAULT_IMPORT_QUEUE = 8;
/** What a refused upload is told to wait: about one import of a large sheet. */
export const DEFAULT_IMPORT_RETRY_AFTER_SECONDS = 10;

export interface ImportSlotLimits {
  /** Imports read and decided at once in this process. */
  running: number;
  /** Imports waiting for a slot (their bodies unread); one more is refused. */
  waiting: number;
  /** Retry-After of a refusal, in seconds. */
  retryAfterSeconds?: number;
}

/**
 * A bounded queue of imports: `running` at once, `waiting` more in line (first come, first served), and beyond
 * that a refusal. One import of a large sheet holds a few hundred megabytes while it runs (README: Configuration),
 * so the number running is what bounds the process's memory.
 */
export class ImportSlots {
  #running = 0;
  readonly #queue: (() => void)[] = [];

  constructor(readonly limits: ImportSlotLimits) {}

  /** A slot's release function, once one is free; undefined at once when the queue is full too. */
  acquire(): Promise<() => void> | undefined {
    if (this.#running < this.limits.running) {
      this.#running++;
      return Promise.resolve(this.#releaser());
    }
    if (this.#queue.length >= this.limits.waiting) return undefined;
    return new Promise((resolve) => this.#queue.push(() => resolve(this.#releaser())));
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      // The slot passes straight to the next in line: #running stays as it is.
      if (next) next();
      else this.#running--;
    };
  }
}

/**
 * A route middleware in front of the upload's validator: waits for an import slot before the body is read, so
 * the bodies of waiting uploads stay in the sockets (TCP holds them back), and refuses with 503
 * imports_busy and Retry-After once the queue is full. The slot is held until the answer is made.
 */
export function importSlots(slots: ImportSlots): MiddlewareHandler {
  return async (_c, next) => {
    const slot = slots.acquire();
    if (!slot) {
      const seconds = slots.limits.retryAfterSeconds ?? DEFAULT_IMPORT_RETRY_AFTER_SECONDS;
      raise(
        503,
        'imports_busy',
        {
          zh: `正在处理的导入已达上限（${slots.limits.running} 个进行中，${slots.limits.waiting} 个排队），请 ${seconds} 秒后重试`,
          en: `too many imports at once (${slots.limits.running} running, ${slots.limits.waiting} waiting); retry in ${seconds} s`,
        },
        { retryAfterSeconds: seconds },
        { 'Retry-After': String(seconds) },
      );
    }
    const release = await slot;
    try {
      await next();
    } finally {
      release();
    }
  };
}
