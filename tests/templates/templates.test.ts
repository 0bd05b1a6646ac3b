import { readdir, readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadSeedCatalog } from '../../src/seeding/seed-catalog.ts';
import { planIds, templateFile } from '../../src/templates/generate-templates.ts';
import { renderCell } from '../../src/templates/render-value.ts';
import { templateLayout } from '../../src/templates/template-layout.ts';

const catalog = loadSeedCatalog();

/** What a person sees in a workbook: sheets, their views and columns, every cell's value, style and validation. */
async function contentOf(file: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const cells: Record<string, unknown> = {};
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells[cell.address] = {
          value: cell.value,
          bold: cell.font?.bold ?? false,
          fill: (cell.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb ?? null,
        };
      }),
    );
    return {
      name: sheet.name,
      state: sheet.state,
      views: (sheet.views ?? []).map((view) => {
        const { state, xSplit, ySplit } = view as { state?: string; xSplit?: number; ySplit?: number };
        return { state, xSplit, ySplit };
      }),
      columns: (sheet.columns ?? []).map((column) => ({ width: column.width, hidden: column.hidden })),
      cells,
      validations: (
        sheet as unknown as { dataValidations: { model: Record<string, Record<string, unknown>> } }
      ).dataValidations.model,
    };
  });
}

describe('the committed templates', () => {
  it('are one per plan, each what `npm run templates` makes now', async () => {
    const committed = (await readdir('templates')).filter((name) => name.endsWith('.xlsx')).sort();
    expect(committed).toEqual(planIds(catalog).map((id) => `${id}.xlsx`));
    for (const planId of planIds(catalog)) {
      const generated = await templateFile(catalog, planId);
      const onDisk = await readFile(`templates/${planId}.xlsx`);
      expect(await contentOf(onDisk), `templates/${planId}.xlsx is stale: run npm run templates`).toEqual(
        await contentOf(generated),
      );
    }
  });

  it('are reproducible to the byte (fixed timestamps), so regenerating one changes nothing in git', async () => {
    const [a, b] = await Promise.all([
      templateFile(catalog, 'changzhou-12fyp'),
      templateFile(catalog, 'changzhou-12fyp'),
    ]);
    expect(a.equals(b)).toBe(true);
  });
});

describe('a template', () => {
  it('is laid out like Changzhou’s appendix: hidden codes, category, indicator, unit, 2010, 省 and 市 targets, 2011–2015', async () => {
    const [table, guide] = await contentOf(await templateFile(catalog, 'changzhou-12fyp'));
    if (!table || !guide) throw new Error('two sheets expected');
    const header = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'].map(
      (column) => (table.cells[`${column}2`] as { value: unknown } | undefined)?.value,
    );
    expect(header).toEqual([
      '指标代码',
      '类别',
      '指标',
      '单位',
      '2010年实现情况',
      '省十二五规划预期目标',
      '市十二五规划预期目标',
      '2011年',
      '2012年',
      '2013年',
      '2014年',
      '2015年',
    ]);
    expect(table.columns[0]?.hidden).toBe(true);
    expect(table.views).toEqual([{ state: 'frozen', xSplit: 4, ySplit: 2 }]);
    const value = (address: string) => (table.cells[address] as { value: unknown } | undefined)?.value;
    expect([value('A3'), value('B3'), value('C3'), value('E3'), value('F3'), value('G3')]).toEqual([
      'informatization-index',
      '总体目标',
      '信息化发展水平总指数（以1为基准）',
      0.757,
      '>0.9', // Jiangsu's 2013 revision of the >0.83 the appendix printed
      '>0.85',
    ]);
    expect(value('C6')).toBe('经济社会各领域两化融合、信息化示范应用载体：示范（试点）企业');
    expect([value('E6'), value('F6'), value('G6')]).toEqual(['3（27）', '100（1000）', '10（100）']);
    expect(guide.name).toBe('填报说明');
    expect(
      Object.values(guide.cells)
        .map((cell) => (cell as { value: string }).value)
        .join(''),
    ).toContain('未填报的留空或填“—”');
  });

  it('explains the upload through the dashboard first, and the API and npm for developers after it', async () => {
    const [, guide] = await contentOf(await templateFile(catalog, 'changzhou-12fyp'));
    const lines = Object.values(guide?.cells ?? {}).map((cell) => (cell as { value: string }).value);
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(at('“上传数据”一栏')).toBeGreaterThan(0);
    expect(at('“检查文件”')).toBeGreaterThan(0);
    expect(at('“确认导入”')).toBeGreaterThan(at('“检查文件”'));
    expect(at('技术人员')).toBeGreaterThan(at('“确认导入”'));
    expect(at('POST /api/v1/imports')).toBeGreaterThan(at('技术人员'));
    expect(at('npm run import')).toBeGreaterThan(at('技术人员'));
  });

  it('validates every report-year cell, allowing the legal text forms (information, not stop)', async () => {
    const [table] = await contentOf(await templateFile(catalog, 'lianyungang-12fyp'));
    const layout = templateLayout(catalog, 'lianyungang-12fyp');
    const rows = layout.rows.length;
    const validations = table?.validations ?? {};
    for (let row = 3; row < 3 + rows; row++) {
      for (const column of ['G', 'H', 'I', 'J', 'K']) {
        expect(validations[`${column}${row}`], `${column}${row}`).toMatchObject({
          type: 'decimal',
          errorStyle: 'information',
          showInputMessage: true,
        });
      }
    }
    // Only the report-year columns: the 2010 and target columns are the plan's, for reference.
    expect(Object.keys(validations).filter((address) => !/^[G-K]\d+$/.test(address))).toEqual([]);
    const share = 3 + layout.rows.findIndex((row) => row.isShare);
    const count = 3 + layout.rows.findIndex((row) => !row.isShare);
    expect(validations[`G${share}`]).toMatchObject({ operator: 'between', formulae: [0, 100] });
    expect(validations[`G${count}`]).toMatchObject({ operator: 'greaterThanOrEqual', formulae: [0] });
  });

  it('gives a row the catalog’s name when the printed one lists fewer parts than the plan states (城市、乡镇 + 农村)', () => {
    const row = templateLayout(catalog, 'lianyungang-12fyp').rows.find(
      (r) => r.code === 'broadband-access-capacity',
    );
    expect(row).toMatchObject({
      name: '宽带接入能力',
      baseline: '城市：20，乡镇：8',
      targets: ['100、50、50'],
    });
  });
});

describe('writing a cell the way the plans print it', () => {
  const parts2 = [
    { code: 'demo', name: '示范' },
    { code: 'pilot', name: '试点' },
  ];
  const parts3 = [
    { code: 'urban', name: '城市' },
    { code: 'town', name: '乡镇' },
    { code: 'rural', name: '农村' },
  ];
  const target = { column: 'target', direction: 'increase', parts: [] } as const;
  it.each([
    ['a bare target floor', [{ part: null, tier: null, comparator: 'gte', value: 90 }], target, 90],
    ['a strict bound', [{ part: null, tier: null, comparator: 'gt', value: 0.71 }], target, '>0.71'],
    [
      'an actual known as a bound',
      [{ part: null, tier: null, comparator: 'lt', value: 50 }],
      { ...target, column: 'actual' },
      '<50',
    ],
    [
      'a ceiling of a lower-is-better indicator',
      [{ part: null, tier: null, comparator: 'lte', value: 5 }],
      { ...target, direction: 'decrease' },
      5,
    ],
    [
      'two parts',
      [
        { part: 'demo', tier: null, comparator: 'gte', value: 10 },
        { part: 'pilot', tier: null, comparator: 'gte', value: 20 },
      ],
      { ...target, parts: parts2 },
      '10（20）',
    ],
    [
      'three parts',
      [
        { part: 'rural', tier: null, comparator: 'gte', value: 12 },
        { part: 'urban', tier: null, comparator: 'gte', value: 100 },
        { part: 'town', tier: null, comparator: 'gte', value: 20 },
      ],
      { ...target, parts: parts3 },
      '100、20、12',
    ],
    [
      'some of the parts',
      [
        { part: 'urban', tier: null, comparator: 'gt', value: 20 },
        { part: 'rural', tier: null, comparator: 'gte', value: 4 },
      ],
      { ...target, parts: parts3 },
      '城市>20，农村：4',
    ],
    [
      'tiers',
      [
        { part: null, tier: 'county', comparator: 'gt', value: 70 },
        { part: null, tier: 'province', comparator: 'gt', value: 90 },
      ],
      target,
      '省级>90，县级>70',
    ],
  ] as const)('%s', (_what, values, context, printed) => {
    expect(renderCell(values, context)).toBe(printed);
  });
});
