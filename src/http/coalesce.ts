/**
 * One read shared by every caller that asks while it is not yet under way ("single flight", but never stale).
 *
 * A caller only ever gets the result of a read that STARTED AFTER it asked: while a read is running, the callers
 * that arrive wait for the next one, which starts when the running one ends and serves all of them. A read that
 * was already running when a caller arrived may have taken its database snapshot before a write that answered
 * just before that caller asked, so joining it could show the caller an older state than it has seen.
 *
 * A read starts one turn of the event loop after the first caller asked, so the requests that arrived together
 * share it. Without that turn, on the embedded database (whose queries run to completion in this thread before
 * the next request is even parsed) every request ran its own query: no two ever overlapped.
 */
export function coalesced<T>(read: () => Promise<T>): () => Promise<T> {
  /** A read not started yet: anyone may still join it. */
  let gathering: Promise<T> | undefined;
  /** The read under way: newcomers wait for the next. */
  let running: Promise<T> | undefined;
  const start = (): Promise<T> => {
    gathering = undefined;
    const flight = read();
    running = flight;
    const done = () => {
      if (running === flight) running = undefined;
    };
    flight.then(done, done);
    return flight;
  };
  return () => {
    gathering ??= (running ? running.then(ignore, ignore) : Promise.resolve()).then(nextTurn).then(start);
    return gathering;
  };
}

const ignore = () => {};

/** After the I/O callbacks of this turn (every request already received), on Node and on Workers. */
const nextTurn = (): Promise<void> =>
  new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
