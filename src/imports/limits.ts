/**
 * Caps on what an upload may make us read. A workbook of the plans' tables is a few kilobytes; these leave room
 * for a province's sheet with many years and notes while refusing a zip bomb before it is decompressed.
 */
export interface ImportLimits {
  /** Bytes of the uploaded file itself. */
  maxFileBytes: number;
  /** Sum of the declared uncompressed sizes of the zip's entries. */
  maxUncompressedBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Rows with at least one cell, over all sheets. */
  maxRows: number;
  /** Non-empty cells over all sheets. */
  maxCells: number;
  /** Files above this size are read with exceljs's streaming reader (which loses merged cells). */
  streamingAboveBytes: number;
  /**
   * Also streamed when the sheets inflate to more than this (declared sizes, proven honest by the container
   * check): exceljs's full reader holds every cell, and rows compress so well that a 64 KB upload held a million.
   */
  streamingAboveSheetBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxUncompressedBytes: 256 * 1024 * 1024,
  maxEntries: 2_000,
  maxRows: 200_000,
  maxCells: 4_000_000,
  streamingAboveBytes: 2 * 1024 * 1024,
  streamingAboveSheetBytes: 4 * 1024 * 1024,
};
