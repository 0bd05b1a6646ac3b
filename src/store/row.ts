import type { Selectable } from 'kysely';
import type { EventsTable } from '../database/schema.ts';
import type { RecordedEvent } from './types.ts';

export const eventColumns = [
  'position',
  'transaction_id',
  'stream_id',
  'stream_version',
  'event_type',
  'schema_version',
  'data',
  'metadata',
  'recorded_at',
] as const;

export function toRecordedEvent(row: Selectable<EventsTable>): RecordedEvent {
  return {
    position: Number(row.position),
    transactionId: String(row.transaction_id),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: new Date(row.recorded_at),
  };
}
