import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Every table the service owns, in one place: Kysely types all queries from this. */
export interface Database {
  events: EventsTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  catalog_regions: CatalogRegionsTable;
  catalog_plans: CatalogPlansTable;
  catalog_indicators: CatalogIndicatorsTable;
  catalog_targets: CatalogTargetsTable;
  series_values: SeriesValuesTable;
  progress_regions: ProgressDocTable & { code: string };
  progress_plans: ProgressDocTable & { plan_id: string; region_code: string };
  progress_indicators: ProgressDocTable & { code: string; category: string };
  progress_targets: ProgressTargetsTable;
  progress_rows: ProgressRowsTable;
  jobs: JobsTable;
  job_runs: JobRunsTable;
  api_tokens: ApiTokensTable;
  imports: ImportsTable;
  plan_uploads: PlanUploadsTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  login_failures: LoginFailuresTable;
  periods: PeriodsTable;
}

export interface EventsTable {
  position: Generated<number>;
  /** xid8 of the appending transaction, as text: readers use it to never skip a late commit. */
  transaction_id: Generated<string>;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  data: JSONColumnType<Record<string, unknown>>;
  metadata: JSONColumnType<Record<string, unknown>>;
  recorded_at: ColumnType<Date, never, never>;
}

export interface ProjectionCheckpointsTable {
  projection: string;
  transaction_id: string;
  position: number;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CatalogRegionsTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
}

export interface CatalogPlansTable {
  plan_id: string;
  region_code: string;
  title: string;
  period_start: number;
  period_end: number;
  issuer: string;
  issued_on: string;
  document: string;
}

export interface CatalogIndicatorsTable {
  code: string;
  name: string;
  category: string;
  unit: string;
  kind: string;
  direction: string;
  growth: string;
  parts: JSONColumnType<{ code: string; name: string }[]>;
  aliases: JSONColumnType<string[]>;
}

export interface CatalogTargetsTable {
  plan_id: string;
  region_code: string;
  indicator_code: string;
  part: string;
  tier: string;
  year: number;
  basis: string;
  comparator: string;
  value: number;
  /** The upper bound of a range target (between); null for every other comparator. */
  upper: ColumnType<number | null, number | null | undefined, number | null>;
  unit: string;
  source: JSONColumnType<Record<string, unknown>>;
  revisions: JSONColumnType<Record<string, unknown>[]>;
  /** Every citation stating the current value, the first statement first. */
  citations: ColumnType<Record<string, unknown>[], string | undefined, string>;
  /** Set when the target was withdrawn (TargetWithdrawn): reason, source, withdrawnAt; null while it stands. */
  withdrawn: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

/** An uploaded workbook and its report (src/imports): imported (one per region and file hash), rejected or dry-run. */
export interface ImportsTable {
  import_id: string;
  /** Insertion order, for newest-first pages. */
  seq: Generated<number>;
  region_code: string;
  plan_id: string | null;
  file_name: string;
  file_sha256: string;
  file_size: number;
  status: string;
  actor: JSONColumnType<Record<string, unknown>>;
  report: JSONColumnType<Record<string, unknown>>;
  imported_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ApiTokensTable {
  token_id: string;
  seq: Generated<number>;
  name: string;
  role: 'admin' | 'reporter' | 'reader';
  /** GB/T 2260 codes a reporter may write for; a province or city code covers the divisions under it. */
  regions: JSONColumnType<string[]>;
  secret_sha256: string;
  created_at: ColumnType<Date, Date, never>;
  created_by: string;
  expires_at: ColumnType<Date | null, Date | null | undefined, never>;
  revoked_at: ColumnType<Date | null, never, Date>;
  revoked_by: ColumnType<string | null, never, string>;
}

/** Read models of src/projections/series and src/projections/progress: key columns, and the row as json text. */
interface ProgressDocTable {
  doc: JSONColumnType<Record<string, unknown>>;
}

export interface SeriesValuesTable extends ProgressDocTable {
  region_code: string;
  indicator_code: string;
  /** '' for the indicator as a whole. */
  part: string;
  year: number;
  /** Null once retracted. */
  comparator: string | null;
  value: number | null;
  unit: string | null;
  revisions: number;
}

export interface ProgressTargetsTable extends ProgressDocTable {
  plan_id: string;
  region_code: string;
  indicator_code: string;
  part: string;
  tier: string;
  year: number;
  basis: string;
}

export interface ProgressRowsTable extends ProgressTargetsTable {
  category: string;
  status: string;
}

/** Scheduled jobs (src/jobs) and their runs. */
export interface JobsTable {
  name: string;
  description: string;
  schedule: string;
  timezone: string;
  next_run_at: ColumnType<Date | null, Date | null, Date | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface JobRunsTable {
  id: Generated<number>;
  job: string;
  trigger: 'schedule' | 'manual';
  /** The scheduled time the run is for; null for a run by hand. */
  slot: ColumnType<Date | null, Date | null, never>;
  instance: string;
  started_at: ColumnType<Date, undefined, never>;
  finished_at: ColumnType<Date | null, undefined, Date>;
  duration_ms: ColumnType<number | null, undefined, number>;
  outcome: 'running' | 'succeeded' | 'failed' | 'skipped';
  error: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface PlanUploadsTable {
  upload_id: string;
  seq: Generated<number>;
  plan_id: string;
  region_code: string;
  file_name: string;
  file_sha256: string;
  actor: JSONColumnType<Record<string, unknown>>;
  /** The PlanDraft the table was read into (src/domain/plan-table/draft.ts). */
  draft: JSONColumnType<Record<string, unknown>>;
  /** How many events publishing it appended (0: it stated nothing new). */
  events: number;
  uploaded_at: ColumnType<Date, string, never>;
}

/** People who sign in (src/users): only a scrypt hash of the password. */
export interface UsersTable {
  user_id: string;
  seq: Generated<number>;
  login: string;
  name: string;
  role: 'admin' | 'reporter' | 'approver' | 'reader';
  /** GB/T 2260 codes a reporter writes for or an approver approves for; a province covers its cities. */
  regions: JSONColumnType<string[]>;
  password_hash: string;
  created_at: ColumnType<Date, Date, never>;
  created_by: string;
  disabled_at: ColumnType<Date | null, never, Date>;
  disabled_by: ColumnType<string | null, never, string>;
  password_changed_at: ColumnType<Date, Date, Date>;
}

/** Signed-in sessions: only the SHA-256 of a session's secret. */
export interface UserSessionsTable {
  session_id: string;
  user_id: string;
  secret_sha256: string;
  created_at: ColumnType<Date, Date, never>;
  expires_at: ColumnType<Date, Date, never>;
  revoked_at: ColumnType<Date | null, never, Date>;
}

/** Failed sign-ins per login name (existing or not), and until when it is locked. */
export interface LoginFailuresTable {
  login: string;
  failures: number;
  last_failed_at: ColumnType<Date, Date, Date>;
  locked_until: ColumnType<Date | null, Date | null, Date | null>;
}

/** The periods read model (src/projections/periods). */
export interface PeriodsTable {
  plan_id: string;
  region_code: string;
  year: number;
  state: 'open' | 'submitted' | 'approved';
  history: JSONColumnType<PeriodHistoryEntry[]>;
}

export interface PeriodHistoryEntry {
  type: 'PeriodSubmitted' | 'PeriodApproved' | 'PeriodReopened';
  state: 'open' | 'submitted' | 'approved';
  by: { kind: string; id: string; name: string };
  at: string;
  reason: string | null;
  /** The transition's version in the period's stream (period-…#version), which later writes point at. */
  version: number;
}
