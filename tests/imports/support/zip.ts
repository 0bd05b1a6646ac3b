import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** A zip entry for a hand-made archive; `declaredSize` lies about the uncompressed size when given. */
export interface TestEntry {
  name: string;
  data?: Buffer;
  /** Already deflated bytes (for a bomb made without holding the inflated data). */
  deflated?: Buffer;
  size?: number;
  declaredSize?: number;
  /** CRC-32 of the inflated data, for `deflated` entries (computed from `data` otherwise). */
  crc?: number;
}

/** A minimal zip (deflate, no data descriptors): enough to test what the importer reads of a container. */
export function makeZip(entries: readonly TestEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = entry.deflated ?? deflateRawSync(entry.data ?? Buffer.alloc(0));
    const size = entry.declaredSize ?? entry.size ?? entry.data?.length ?? 0;
    const crc = (entry.crc ?? (entry.data ? crc32(entry.data) : 0)) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `megabytes` of zeros, deflated a megabyte at a time: a few hundred kilobytes that inflate to all of it. */
export async function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let index = 0; index < megabytes; index++) {
    if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

/** The parts every xlsx has, so a test archive passes the "is it a workbook" check. */
export const WORKBOOK_PARTS: TestEntry[] = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
];

/**
 * The start of a compound file (CFB, D0 CF 11 E0): what Excel writes for an .xls and for an encrypted .xlsx,
 * which holds a stream named EncryptedPackage.
 */
export function compoundFile(options: { encrypted: boolean }): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const body = Buffer.alloc(2048);
  if (options.encrypted) Buffer.from('EncryptedPackage', 'utf16le').copy(body, 1024);
  else Buffer.from('Workbook', 'utf16le').copy(body, 1024);
  return Buffer.concat([header, body]);
}
