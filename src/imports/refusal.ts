/** Stable codes of the reasons a whole file is refused before any of its cells is read. */
export type RefusalCode =
  | 'file_empty'
  | 'file_too_large'
  | 'not_a_workbook'
  | 'workbook_encrypted'
  | 'legacy_xls_not_supported'
  | 'zip_bomb'
  | 'too_many_rows'
  | 'workbook_empty'
  | 'workbook_unreadable';

/**
 * The file as a whole cannot be read: it is not an xlsx workbook, is encrypted, is a zip bomb, has no cells …
 * Thrown by the readers, turned into a rejected import report with this one problem.
 */
export class WorkbookRefused extends Error {
  override readonly name = 'WorkbookRefused';
  constructor(
    readonly code: RefusalCode,
    readonly messages: { zh: string; en: string },
  ) {
    super(messages.en);
  }
}

export const refuse = (code: RefusalCode, zh: string, en: string): never => {
  throw new WorkbookRefused(code, { zh, en });
};
