import { describe, expect, it } from 'vitest';
import { BodyCache } from '../../src/http/body-cache.ts';

const body = (bytes: number) => ({
  body: new Uint8Array(bytes),
  headers: { 'Content-Type': 'application/json' },
});

describe('the cache of rendered answers', () => {
  it('given answers over its size, when another is kept, then the least recently used go first', () => {
    const cache = new BodyCache(3_000, 2_000);
    cache.set('a', body(990));
    cache.set('b', body(990));
    cache.get('a');
    cache.set('c', body(990));
    expect(cache.bytes).toBeLessThanOrEqual(3_000);
    cache.set('d', body(990));
    expect([cache.get('a') !== undefined, cache.get('b'), cache.get('c') !== undefined]).toEqual([
      true,
      undefined,
      true,
    ]);
    expect(cache.get('d')?.body.byteLength).toBe(990);
    expect(cache.bytes).toBeLessThanOrEqual(3_000);
  });

  it('given an answer larger than an entry may be, when it is kept, then it is not', () => {
    const cache = new BodyCache(10_000, 1_000);
    cache.set('big', body(5_000));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('given a key kept twice, then its bytes count once', () => {
    const cache = new BodyCache(10_000);
    cache.set('a', body(100));
    cache.set('a', body(200));
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(201);
  });
});
