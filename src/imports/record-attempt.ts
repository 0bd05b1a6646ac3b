import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { Actor } from '../domain/vocabulary.ts';
import { insertImport } from './imports-table.ts';
import type { ImportReport } from './report.ts';

/**
 * Keeps a rejected upload or a dry run in the import history, with its report (every problem), who tried and
 * when. Called outside the import's transaction (after its rollback, for a rejected file), so the row stays while
 * nothing else of the file does; it writes no events.
 */
export async function recordAttempt(
  db: Kysely<Database>,
  attempt: {
    report: ImportReport & { status: 'rejected' | 'dry-run' };
    regionCode: string;
    planId: string | null;
    fileName: string;
    fileSha256: string;
    fileSize: number;
    actor: Actor;
    at: Date;
  },
): Promise<void> {
  await insertImport(db, {
    importId: attempt.report.importId,
    regionCode: attempt.regionCode,
    planId: attempt.planId,
    fileName: attempt.fileName,
    fileSha256: attempt.fileSha256,
    fileSize: attempt.fileSize,
    status: attempt.report.status,
    actor: attempt.actor,
    importedAt: attempt.at.toISOString(),
    report: attempt.report,
  });
}
