import type { Migration } from 'kysely';
import * as events from './20261122110000_events.ts';
import * as catalog from './20261122110100_catalog.ts';
import * as tokens from './20261122120000_tokens.ts';
import * as imports from './20261122121000_imports.ts';
import * as progress from './20261122122000_progress.ts';
import * as jobs from './20261122123000_jobs.ts';
import * as appendFunction from './20261122124000_append_function.ts';
import * as seriesValuesFillfactor from './20261122125000_series_values_fillfactor.ts';
import * as dropAppendFunction from './20261122130000_drop_append_function.ts';
import * as catalogTargetCitations from './20261206020000_catalog_target_citations.ts';
import * as planUploads from './20261206100000_plan_uploads.ts';
import * as users from './20261206120000_users.ts';
import * as periods from './20261206120100_periods.ts';
import * as importAttempts from './20261206130000_import_attempts.ts';
import * as catalogTargetRangeWithdrawn from './20261206130100_catalog_target_range_withdrawn.ts';
import * as eventsRecordedAtBrin from './20261206140000_events_recorded_at_brin.ts';

/**
 * Every migration, by name. Listed statically (not read from disk) so the same list runs on Node and on
 * Workers, which has no file system. A migration is frozen once committed: change the schema with a new file.
 */
export const migrations: Record<string, Migration> = {
  '20261122110000_events': events,
  '20261122110100_catalog': catalog,
  '20261122120000_tokens': tokens,
  '20261122121000_imports': imports,
  '20261122122000_progress': progress,
  '20261122123000_jobs': jobs,
  '20261122124000_append_function': appendFunction,
  '20261122125000_series_values_fillfactor': seriesValuesFillfactor,
  '20261122130000_drop_append_function': dropAppendFunction,
  '20261206020000_catalog_target_citations': catalogTargetCitations,
  '20261206100000_plan_uploads': planUploads,
  '20261206120000_users': users,
  '20261206120100_periods': periods,
  '20261206130000_import_attempts': importAttempts,
  '20261206130100_catalog_target_range_withdrawn': catalogTargetRangeWithdrawn,
  '20261206140000_events_recorded_at_brin': eventsRecordedAtBrin,
};
