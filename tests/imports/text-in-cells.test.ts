import { describe, expect, it } from 'vitest';
import { checkObservations } from '../../src/imports/check-observations.ts';
import { readObservations } from '../../src/imports/read-observations.ts';
import { resolveContext } from '../../src/imports/resolve-context.ts';
import { cellAddress, type SheetRow } from '../../src/imports/workbook.ts';
import { seedImportCatalog } from './support/seed-import-catalog.ts';

/**
 * exceljs's XML parser refuses a NUL or a lone surrogate in a sheet (the file is workbook_unreadable), but a cell's
 * text can reach the importer from other readers: it stops at the cell, since PostgreSQL could store neither.
 */
function row(number: number, texts: (string | number)[]): SheetRow {
  return {
    number,
    cells: texts.map((given, index) => ({
      column: index + 1,
      address: cellAddress(index + 1, number),
      input: typeof given === 'number' ? { kind: 'number', value: given } : { kind: 'text', text: given },
      printed: String(given),
    })),
  };
}

async function read(sheet: string, rows: SheetRow[]) {
  const context = resolveContext(seedImportCatalog(), '320700');
  const result = await readObservations({ reader: 'full', sheets: [{ name: sheet, rows }] }, context);
  const observations = checkObservations(result.observations, context, result.problems);
  return { observations, problems: result.problems.list() };
}

const HEADER = ['指标', '单位', '2011年', '2012年'];

describe('a cell whose text holds a NUL or a lone surrogate', () => {
  it('given 6\\u00005 and 64\\ud800 in value cells, then each is a text_invalid error at its cell and the rest is read', async () => {
    const { observations, problems } = await read('主要指标', [
      row(1, HEADER),
      row(2, ['企业内部联网率', '%', '6\u00005', '64\ud800']),
      row(
        3,
        ['企业内部联网率', '%', null as never, 62.5].filter((cell) => cell !== null),
      ),
    ]);
    expect(problems.map((p) => [p.severity, p.code, p.cells])).toEqual([
      ['error', 'text_invalid', ['主要指标!C2']],
      ['error', 'text_invalid', ['主要指标!D2']],
    ]);
    expect(problems[0]?.message.zh).toContain('6\ufffd5');
    expect(problems[0]?.message.en).toContain('NUL');
    expect(observations.map((o) => o.cell)).toEqual(['主要指标!C3']);
  });

  it('given a sheet name with a lone surrogate, then its cells are text_invalid, shown with U+FFFD', async () => {
    const { problems } = await read('表\udc00', [row(1, HEADER), row(2, ['企业内部联网率', '%', 61.5])]);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.code)).toContain('text_invalid');
    expect(problems.flatMap((p) => p.cells).every((cell) => !/[\ud800-\udfff]/.test(cell))).toBe(true);
  });
});
