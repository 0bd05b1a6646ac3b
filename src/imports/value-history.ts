import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import { streams } from '../domain/events.ts';
import { upcast } from '../domain/upcast.ts';
import type { Actor, ImplausibleConfirmed, Source } from '../domain/vocabulary.ts';
import { readStream } from '../store/index.ts';

/** One value ever stated for a series: reported, revised or retracted, with who, when and from which cell. */
export interface HistoryEntry {
  position: number;
  type: 'ValueReported' | 'ValueRevised' | 'ValueRetracted';
  part: string | null;
  year: number;
  comparator: string | null;
  value: number | null;
  unit: string | null;
  previous: { comparator: string; value: number; unit: string } | null;
  reason: string | null;
  actor: Actor | null;
  /** What led to it: the reopen of an approved year (period-…#version) a correction was made under. */
  causationId: string | null;
  occurredAt: string | null;
  recordedAt: string;
  importId: string | null;
  file: string | null;
  cell: string | null;
  printed: string | null;
  source: Record<string, unknown>;
  /** The uploader confirmed this value although the plausibility checks flagged it (已确认的异常值). */
  implausible: ImplausibleConfirmed | null;
}

function provenance(source: Source): Pick<HistoryEntry, 'importId' | 'file' | 'cell' | 'printed'> {
  switch (source.kind) {
    case 'workbook':
      return {
        importId: source.importId,
        file: source.file ?? null,
        cell: `${source.sheet}!${source.cell}`,
        printed: source.printed ?? null,
      };
    case 'document':
      return { importId: null, file: source.document, cell: source.section, printed: source.printed ?? null };
    default:
      return { importId: null, file: null, cell: null, printed: null };
  }
}

/**
 * Every event of a region's indicator series, oldest first, from its event stream: the history the projections
 * only summarise. `version` is the stream's version (for an ETag).
 */
export async function seriesHistory(
  db: Kysely<Database>,
  regionCode: string,
  indicatorCode: string,
): Promise<{ entries: HistoryEntry[]; version: number }> {
  const recorded = await readStream(db, streams.series(regionCode, indicatorCode));
  const entries: HistoryEntry[] = [];
  for (const stored of recorded) {
    const event = upcast(stored);
    const base = {
      position: stored.position,
      actor: event.metadata.actor ?? null,
      causationId: event.metadata.causationId ?? null,
      occurredAt: event.metadata.occurredAt ?? null,
      recordedAt: stored.recordedAt.toISOString(),
      implausible: event.metadata.implausible ?? null,
    };
    switch (event.type) {
      case 'ValueReported':
      case 'ValueRevised': {
        const { data } = event;
        entries.push({
          ...base,
          type: event.type,
          part: data.part,
          year: data.year,
          comparator: data.comparator,
          value: data.value,
          unit: data.unit,
          previous: event.type === 'ValueRevised' ? event.data.previous : null,
          reason: null,
          ...provenance(data.source),
          source: data.source,
        });
        break;
      }
      case 'ValueRetracted': {
        const { data } = event;
        entries.push({
          ...base,
          type: event.type,
          part: data.part,
          year: data.year,
          comparator: null,
          value: null,
          unit: null,
          previous: data.previous,
          reason: data.reason,
          ...provenance(data.source),
          source: data.source,
        });
        break;
      }
      default:
        break;
    }
  }
  await withImportFiles(db, entries);
  return { entries, version: recorded.at(-1)?.streamVersion ?? 0 };
}

/**
 * An imported value's event names its import, whose record holds the file and its hash (said once per file, not
 * once per value): the history states them as it always has, from the record.
 */
async function withImportFiles(db: Kysely<Database>, entries: HistoryEntry[]): Promise<void> {
  const unnamed = entries.filter((entry) => entry.importId !== null && entry.file === null);
  if (unnamed.length === 0) return;
  const importIds = [...new Set(unnamed.map((entry) => entry.importId as string))];
  const records = await db
    .selectFrom('imports')
    .select(['import_id', 'file_name', 'file_sha256'])
    .where('import_id', 'in', importIds)
    .execute();
  const byId = new Map(records.map((record) => [record.import_id, record]));
  for (const entry of unnamed) {
    const record = byId.get(entry.importId as string);
    if (!record) continue;
    const file = record.file_name || 'upload.xlsx';
    entry.file = file;
    entry.source = { ...entry.source, file, sha256: record.file_sha256 };
  }
}
