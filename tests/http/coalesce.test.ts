import { describe, expect, it } from 'vitest';
import { coalesced } from '../../src/http/coalesce.ts';

/** A read whose answers the test releases one by one, counting how many reads were started. */
function controlledRead() {
  const pending: ((value: number) => void)[] = [];
  let started = 0;
  const read = () =>
    new Promise<number>((resolve) => {
      started++;
      pending.push(resolve);
    });
  const release = async (value: number) => {
    pending.shift()?.(value);
    // let the settled read's callbacks (and the next read's start) run
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { read, release, started: () => started };
}

describe('coalesced reads', () => {
  it('given no read under way, when one caller asks, then a read starts at once', async () => {
    const control = controlledRead();
    const get = coalesced(control.read);
    const answer = get();
    expect(control.started()).toBe(1);
    await control.release(1);
    expect(await answer).toBe(1);
  });

  it('given a read under way, when callers ask, then they get the next read, shared, never the running one', async () => {
    const control = controlledRead();
    const get = coalesced(control.read);
    const first = get();
    const late = [get(), get(), get()];
    expect(control.started()).toBe(1);
    // the running read answers with what it saw before the late callers asked
    await control.release(1);
    expect(await first).toBe(1);
    expect(control.started()).toBe(2);
    await control.release(2);
    expect(await Promise.all(late)).toEqual([2, 2, 2]);
    expect(control.started()).toBe(2);
  });

  it('given a failed read, when the callers who waited for the next one ask, then that read still runs', async () => {
    let calls = 0;
    const get = coalesced(async () => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return calls;
    });
    const first = get();
    const second = get();
    await expect(first).rejects.toThrow('connection lost');
    expect(await second).toBe(2);
    expect(await get()).toBe(3);
  });
});
