/**
 * One read shared by every caller that asks while it is not yet under way ("single flight", but never stale).
 *
 * A caller only ever gets the result of a read that STARTED AFTER it asked: while a read is running, the callers
 * that arrive wait for the next one, which starts when the running one ends and serves all of them. A read that
 * was already running when a caller arrived may have taken its database snapshot before a write that answered
 * just before that caller asked, so joining it could show the caller an older state than it has seen. Under load
 * at most one read runs at a time, however many requests want it; alone, a request reads at once.
 */
export function coalesced<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const flight = read();
    running = flight;
    const done = () => {
      if (running === flight) running = undefined;
    };
    flight.then(done, done);
    return flight;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(ignore, ignore).then(() => {
      next = undefined;
      return start();
    });
    return next;
  };
}

const ignore = () => {};
