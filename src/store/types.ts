/** An event as the application hands it to the store. */
export interface NewEvent {
  type: string;
  data: object;
  metadata: object;
  /** Version of the event's data schema; 1 unless the type has been upcast. */
  schemaVersion?: number;
}

/** An event as the log holds it. */
export interface RecordedEvent<E extends NewEvent = NewEvent> {
  position: number;
  /** xid8 of the transaction that appended it (text). Log order is (transactionId, position). */
  transactionId: string;
  streamId: string;
  streamVersion: number;
  type: E['type'];
  schemaVersion: number;
  data: E['data'];
  metadata: E['metadata'];
  recordedAt: Date;
}

/** A stream's version before the append: 0 for "the stream must not exist yet", 'any' to skip the check. */
export type ExpectedVersion = number | 'any';

/** Where a reader of the log has got to. The start of the log is {transactionId: '0', position: 0}. */
export interface LogCheckpoint {
  transactionId: string;
  position: number;
}

export const START_OF_LOG: LogCheckpoint = { transactionId: '0', position: 0 };

export class StreamVersionConflict extends Error {
  override readonly name = 'StreamVersionConflict';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number | undefined,
  ) {
    super(
      `stream ${streamId}: expected version ${expectedVersion}, found ${actualVersion ?? 'a concurrent append'}`,
    );
  }
}
