import { createInflateRaw } from 'node:zlib';
import type { ImportLimits } from './limits.ts';
import { refuse } from './refusal.ts';
import { entryDataOffset, readZipDirectory, type ZipEntry } from './zip-directory.ts';

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** An encrypted xlsx is a CFB container holding a stream of this name (UTF-16LE in the directory). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Everything about an uploaded file that can be told before exceljs sees it: that it is an xlsx (a zip with a
 * workbook part), not an encrypted or legacy .xls file (both CFB containers), and not a zip bomb. The central
 * directory gives the declared sizes; each entry is then inflated once, streaming and discarding, to prove the
 * declaration honest — jszip and unzipper trust it. Throws WorkbookRefused.
 */
export async function checkWorkbookFile(file: Buffer, limits: ImportLimits): Promise<void> {
  if (file.length === 0)
    refuse('file_empty', '上传的文件是空的（0 字节）。', 'The uploaded file is empty (0 bytes).');
  if (file.length > limits.maxFileBytes) {
    refuse(
      'file_too_large',
      `文件有 ${mb(file.length)}，超过上限 ${mb(limits.maxFileBytes)}。`,
      `The file is ${mb(file.length)}, above the limit of ${mb(limits.maxFileBytes)}.`,
    );
  }
  if (file.subarray(0, 8).equals(CFB_SIGNATURE)) {
    if (file.includes(ENCRYPTED_PACKAGE)) {
      refuse(
        'workbook_encrypted',
        '工作簿设置了打开密码（已加密），无法读取。请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后重新上传。',
        'The workbook is password-protected (encrypted) and cannot be read. Remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it) and upload again.',
      );
    }
    refuse(
      'legacy_xls_not_supported',
      '这是旧版 Excel 97-2003（.xls）文件。请在 Excel 中“另存为” Excel 工作簿（.xlsx）后重新上传。',
      'This is a legacy Excel 97-2003 (.xls) file. Save it as an Excel Workbook (.xlsx) and upload again.',
    );
  }
  if (!file.subarray(0, 4).equals(ZIP_SIGNATURE)) notAWorkbook();
  const directory = readZipDirectory(file, limits.maxEntries);
  if (!directory.ok) {
    if (directory.reason === 'too-many-entries') {
      refuse(
        'zip_bomb',
        `压缩包中的条目超过 ${limits.maxEntries} 个，不是正常的工作簿，已拒绝。`,
        `The archive holds more than ${limits.maxEntries} entries; this is not an ordinary workbook and is refused.`,
      );
    }
    notAWorkbook();
  }
  const entries = directory.ok ? directory.entries : [];
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) notAWorkbook();
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) zipBomb(declared, limits);
  for (const entry of entries) await proveDeclaredSize(file, entry, limits);
}

function notAWorkbook(): never {
  return refuse(
    'not_a_workbook',
    '文件不是 Excel 工作簿（.xlsx）。请上传用 Excel 或 WPS 保存的 .xlsx 文件。',
    'The file is not an Excel workbook (.xlsx). Upload an .xlsx file saved by Excel or WPS.',
  );
}

function zipBomb(bytes: number, limits: ImportLimits): never {
  return refuse(
    'zip_bomb',
    `文件解压后有 ${mb(bytes)}，超过上限 ${mb(limits.maxUncompressedBytes)}，疑为压缩炸弹，已拒绝。`,
    `The file decompresses to ${mb(bytes)}, above the limit of ${mb(limits.maxUncompressedBytes)}; it looks like a zip bomb and is refused.`,
  );
}

/** Inflates an entry, discarding the output, and stops as soon as it yields more than it declared. */
async function proveDeclaredSize(file: Buffer, entry: ZipEntry, limits: ImportLimits): Promise<void> {
  const start = entryDataOffset(file, entry);
  if (start === undefined) notAWorkbook();
  const data = file.subarray(start, (start ?? 0) + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) notAWorkbook();
    return;
  }
  if (entry.method !== 8) notAWorkbook();
  const allowed = Math.min(entry.uncompressedSize, limits.maxUncompressedBytes);
  const outcome = await new Promise<'ok' | 'too-big' | 'corrupt'>((resolve) => {
    const inflate = createInflateRaw();
    let produced = 0;
    inflate.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (produced > allowed) {
        inflate.destroy();
        resolve('too-big');
      }
    });
    inflate.on('error', () => resolve('corrupt'));
    inflate.on('end', () => resolve('ok'));
    inflate.end(data);
  });
  if (outcome === 'too-big') {
    refuse(
      'zip_bomb',
      `压缩包中的“${entry.name}”解压后比它声明的大小（${entry.uncompressedSize} 字节）更大，疑为压缩炸弹，已拒绝。`,
      `"${entry.name}" in the archive decompresses to more than its declared ${entry.uncompressedSize} bytes; it looks like a zip bomb and is refused.`,
    );
  }
  if (outcome === 'corrupt') notAWorkbook();
}
