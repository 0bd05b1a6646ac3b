import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { decidePeriod, type PeriodCommand } from '../domain/approval/decide.ts';
import { type PeriodEvent, periodStream } from '../domain/approval/events.ts';
import { emptyPeriod, evolvePeriod } from '../domain/approval/state.ts';
import { eventSchemaVersions, PlanEvent } from '../domain/events.ts';
import { upcast } from '../domain/upcast.ts';
import { appendToStream, lockWriters, readStream } from '../store/index.ts';

/**
 * Moves a period: reads its stream, decides (DomainError period_transition_invalid when the state does not allow
 * it) and appends with the version it read. It queues on the lock the region's uploads take, so an upload and a
 * submit of the same region never interleave: the upload either committed before the submit, or sees it.
 */
export async function transitionPeriod(
  db: Kysely<Database>,
  command: PeriodCommand,
): Promise<{ event: PeriodEvent; position: number; version: number }> {
  return db.transaction().execute(async (trx) => {
    await lockWriters(trx, `import:${command.data.regionCode}`);
    const streamId = periodStream(command.data);
    const recorded = await readStream(trx, streamId);
    const state = recorded.map((e) => upcast(e) as PeriodEvent).reduce(evolvePeriod, emptyPeriod());
    const [event] = decidePeriod(command, state);
    if (!event) throw new Error('unreachable: a period transition always records one event');
    const { positions } = await appendToStream(trx, streamId, state.version, [
      Object.assign(PlanEvent.parse(event), { schemaVersion: eventSchemaVersions[event.type] }),
    ]);
    return { event, position: positions[0] as number, version: state.version + 1 };
  });
}
