/**
 * Reads a zip file's central directory without decompressing anything: what the archive says it holds. An xlsx
 * workbook is a zip of XML parts, so this is where a zip bomb shows (a few kilobytes declaring gigabytes).
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where its record in the central directory starts. */
  directoryOffset: number;
}

export type ZipDirectory =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: 'no-end-of-directory' | 'truncated' | 'too-many-entries' };

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const MAX_COMMENT = 0xffff;

function findEndOfDirectory(file: Buffer): number {
  const lowest = Math.max(0, file.length - 22 - MAX_COMMENT);
  for (let at = file.length - 22; at >= lowest; at--) {
    if (file.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/** The directory's entries, or why it cannot be read. Stops at `maxEntries` so a huge directory costs nothing. */
export function readZipDirectory(file: Buffer, maxEntries: number): ZipDirectory {
  if (file.length < 22) return { ok: false, reason: 'no-end-of-directory' };
  const end = findEndOfDirectory(file);
  if (end < 0) return { ok: false, reason: 'no-end-of-directory' };
  let count = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  if (
    (count === 0xffff || offset === 0xffffffff) &&
    end >= 20 &&
    file.readUInt32LE(end - 20) === ZIP64_LOCATOR
  ) {
    const zip64End = Number(file.readBigUInt64LE(end - 12));
    if (zip64End + 56 > file.length || file.readUInt32LE(zip64End) !== ZIP64_END_OF_DIRECTORY) {
      return { ok: false, reason: 'truncated' };
    }
    count = Number(file.readBigUInt64LE(zip64End + 32));
    offset = Number(file.readBigUInt64LE(zip64End + 48));
  }
  if (count > maxEntries) return { ok: false, reason: 'too-many-entries' };
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== DIRECTORY_ENTRY)
      return { ok: false, reason: 'truncated' };
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > file.length) return { ok: false, reason: 'truncated' };
    const entry: ZipEntry = {
      name: file.toString('utf8', at + 46, at + 46 + nameLength),
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      uncompressedSize: file.readUInt32LE(at + 24),
      localHeaderOffset: file.readUInt32LE(at + 42),
      directoryOffset: at,
    };
    applyZip64Extra(entry, file.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** Sizes too big for 32 bits are 0xFFFFFFFF in the entry and the real value sits in the zip64 extra field. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) return undefined;
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next() ?? entry.uncompressedSize;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next() ?? entry.localHeaderOffset;
      return;
    }
    at += 4 + size;
  }
}

/** Where an entry's compressed data starts, from its local header; undefined if the header is not there. */
export function entryDataOffset(file: Buffer, entry: ZipEntry): number | undefined {
  const at = entry.localHeaderOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== 0x04034b50) return undefined;
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  return start + entry.compressedSize <= file.length ? start : undefined;
}
