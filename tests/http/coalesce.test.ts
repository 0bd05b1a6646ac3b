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
    await turn();
  };
  return { read, release, started: () => started };
}

/** Lets the event loop go round once (a coalesced read starts one turn after it was asked for). */
const turn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('coalesced reads', () => {
  it('given no read under way, when callers ask in the same turn, then one read starts and answers them all', async () => {
    const control = controlledRead();
    const get = coalesced(control.read);
    const answers = [get(), get(), get()];
    await turn();
    expect(control.started()).toBe(1);
    await control.release(1);
    expect(await Promise.all(answers)).toEqual([1, 1, 1]);
  });

  it('given a read under way, when callers ask, then they get the next read, shared, never the running one', async () => {
    const control = controlledRead();
    const get = coalesced(control.read);
    const first = get();
    await turn();
    expect(control.started()).toBe(1);
    const late = [get(), get(), get()];
    await turn();
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
      await turn();
      if (calls === 1) throw new Error('connection lost');
      return calls;
    });
    const first = get();
    await turn();
    const second = get();
    await expect(first).rejects.toThrow('connection lost');
    expect(await second).toBe(2);
    expect(await get()).toBe(3);
  });
});
