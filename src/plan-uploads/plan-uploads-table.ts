import type { Kysely } from 'kysely';
import type { Database } from '../database/schema.ts';
import type { PlanDraft } from '../domain/plan-table/draft.ts';
import type { Actor } from '../domain/vocabulary.ts';

/** The constraint that makes a second upload of the same table for the same plan a duplicate. */
export const UNIQUE_PLAN_FILE_CONSTRAINT = 'plan_uploads_plan_file_unique';

export interface PlanUploadRecord {
  uploadId: string;
  planId: string;
  regionCode: string;
  fileName: string;
  fileSha256: string;
  actor: Actor;
  draft: PlanDraft;
  events: number;
  uploadedAt: string;
}

export async function insertPlanUpload(db: Kysely<Database>, record: PlanUploadRecord): Promise<void> {
  await db
    .insertInto('plan_uploads')
    .values({
      upload_id: record.uploadId,
      plan_id: record.planId,
      region_code: record.regionCode,
      file_name: record.fileName,
      file_sha256: record.fileSha256,
      actor: JSON.stringify(record.actor),
      draft: JSON.stringify(record.draft),
      events: record.events,
      uploaded_at: record.uploadedAt,
    })
    .execute();
}

/** The upload of this table for this plan, if it was published before. */
export async function findPlanUpload(
  db: Kysely<Database>,
  planId: string,
  fileSha256: string,
): Promise<{ uploadId: string } | undefined> {
  const row = await db
    .selectFrom('plan_uploads')
    .select('upload_id')
    .where('plan_id', '=', planId)
    .where('file_sha256', '=', fileSha256)
    .executeTakeFirst();
  return row ? { uploadId: row.upload_id } : undefined;
}

/** Every published table's draft, in upload order: what uploaded plans' templates are made from. */
export async function planUploadDrafts(db: Kysely<Database>): Promise<PlanDraft[]> {
  const rows = await db.selectFrom('plan_uploads').select('draft').orderBy('seq').execute();
  return rows.map((row) => row.draft as unknown as PlanDraft);
}

/** The last upload's sequence number (0: none): a new upload changes what templates are made from. */
export async function planUploadsVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('plan_uploads')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
