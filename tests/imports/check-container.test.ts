import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkWorkbookFile } from '../../src/imports/check-container.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/imports/limits.ts';
import { WorkbookRefused } from '../../src/imports/refusal.ts';
import { readZipDirectory } from '../../src/imports/zip-directory.ts';
import { compoundFile, deflatedZeros, makeZip, WORKBOOK_PARTS } from './support/zip.ts';

async function refusalOf(file: Buffer, limits = DEFAULT_IMPORT_LIMITS): Promise<string | undefined> {
  try {
    await checkWorkbookFile(file, limits);
    return undefined;
  } catch (error) {
    if (error instanceof WorkbookRefused) {
      expect(error.messages.zh.length).toBeGreaterThan(5);
      expect(error.messages.en.length).toBeGreaterThan(5);
      return error.code;
    }
    throw error;
  }
}

async function realWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('附件1').getCell('A1').value = '指标';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('what a file is, before exceljs sees it', () => {
  it('accepts a workbook exceljs wrote, and reads its central directory', async () => {
    const file = await realWorkbook();
    expect(await refusalOf(file)).toBeUndefined();
    const directory = readZipDirectory(file, 100);
    expect(directory.ok && directory.entries.map((entry) => entry.name)).toContain('xl/workbook.xml');
  });

  it.each([
    ['an empty upload', Buffer.alloc(0), 'file_empty'],
    ['a text file', Buffer.from('指标,2011\n宽带普及率,65\n'), 'not_a_workbook'],
    ['a PDF', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), 'not_a_workbook'],
    [
      'a zip that is not a workbook (a .docx or any archive)',
      makeZip([{ name: 'a.txt', data: Buffer.from('x') }]),
      'not_a_workbook',
    ],
    [
      'an encrypted workbook (a CFB container with EncryptedPackage)',
      compoundFile({ encrypted: true }),
      'workbook_encrypted',
    ],
    [
      'a legacy .xls (a CFB container without it)',
      compoundFile({ encrypted: false }),
      'legacy_xls_not_supported',
    ],
  ])('refuses %s', async (_what, file, code) => {
    expect(await refusalOf(file)).toBe(code);
  });

  it('refuses a workbook cut short (its central directory is gone)', async () => {
    const file = await realWorkbook();
    expect(await refusalOf(file.subarray(0, Math.floor(file.length / 2)))).toBe('not_a_workbook');
  });

  it('refuses a file above the size limit', async () => {
    const file = await realWorkbook();
    expect(await refusalOf(file, { ...DEFAULT_IMPORT_LIMITS, maxFileBytes: 1000 })).toBe('file_too_large');
  });

  it('refuses a zip bomb by the sizes its central directory declares, without inflating it', async () => {
    // 300 MB of zeros in a sheet part: about 300 kB on the wire.
    const bomb = makeZip([
      ...WORKBOOK_PARTS,
      { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedZeros(300), size: 300 * 1024 * 1024 },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    expect(await refusalOf(bomb)).toBe('zip_bomb');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a zip bomb whose directory lies about the size, by inflating it against the declared size', async () => {
    const liar = makeZip([
      ...WORKBOOK_PARTS,
      { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedZeros(64), declaredSize: 4096 },
    ]);
    expect(await refusalOf(liar)).toBe('zip_bomb');
  });

  it('refuses an archive with more entries than a workbook ever has', async () => {
    const many = makeZip([
      ...WORKBOOK_PARTS,
      ...Array.from({ length: 30 }, (_, index) => ({
        name: `xl/media/image${index}.png`,
        data: Buffer.from('x'),
      })),
    ]);
    expect(await refusalOf(many, { ...DEFAULT_IMPORT_LIMITS, maxEntries: 20 })).toBe('zip_bomb');
  });
});
