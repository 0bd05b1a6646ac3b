import { describe, expect, it } from 'vitest';
import type { CellInput } from '../../src/domain/value-grammar.ts';
import { checkObservations } from '../../src/imports/check-observations.ts';
import { readObservations } from '../../src/imports/read-observations.ts';
import { WorkbookRefused } from '../../src/imports/refusal.ts';
import { resolveContext } from '../../src/imports/resolve-context.ts';
import { cellAddress, type SheetRow } from '../../src/imports/workbook.ts';
import { seedImportCatalog } from './support/seed-import-catalog.ts';

/** A cell as a test writes it: text, a number, or an input of another kind (a date, an error …). */
type Given = string | number | null | CellInput;

function rows(table: Given[][], firstRow = 1): SheetRow[] {
  return table
    .map((cells, index) => ({
      number: firstRow + index,
      cells: cells.flatMap((given, column) => {
        if (given === null) return [];
        const input: CellInput =
          typeof given === 'string'
            ? { kind: 'text', text: given }
            : typeof given === 'number'
              ? { kind: 'number', value: given }
              : given;
        return [
          {
            column: column + 1,
            address: cellAddress(column + 1, firstRow + index),
            input,
            printed: String(typeof given === 'object' ? given.kind : given),
          },
        ];
      }),
    }))
    .filter((row) => row.cells.length > 0);
}

const catalog = seedImportCatalog();

async function read(sheets: Record<string, Given[][]>, region = '320700', plan?: string) {
  const context = resolveContext(catalog, region, plan);
  const result = await readObservations(
    { reader: 'full', sheets: Object.entries(sheets).map(([name, table]) => ({ name, rows: rows(table) })) },
    context,
  );
  const observations = checkObservations(result.observations, context, result.problems);
  const problems = result.problems.list();
  const at = (cell: string) =>
    observations
      .filter((o) => o.cell === cell)
      .map(
        (o) =>
          `${o.kind} ${o.region} ${o.indicator.code}${o.part ? `/${o.part}` : ''}${o.tier ? `@${o.tier}` : ''} ${o.year} ${o.comparator} ${o.value}`,
      );
  const codes = problems.map((p) => `${p.severity} ${p.code} ${p.cells.join(',')}`);
  return { observations, problems, at, codes };
}

const HEADER = ['指    标', null, '2010年实现情况', '2015年预期目标', '2011年'];

describe('finding the table in a sheet', () => {
  it('skips title rows, reads below the header, and leaves category and footnote rows alone', async () => {
    const { at, codes, observations } = await read({
      附件1: [
        ['连云港“十二五”时期经济和社会信息化发展主要指标'],
        [null],
        HEADER,
        ['总体目标'],
        [null, '信息化发展水平总指数', '0.62', '＞0.71', 0.64],
        ['注：“2010年实现情况”栏中有“—”的为“十二五”时期新增目标。'],
        ['填表人：王明', null, '联系电话：', 85123456],
        ['填报日期：', null, { kind: 'date' }],
      ],
    });
    expect(codes).toEqual([]);
    expect(at('附件1!C5')).toEqual(['actual 320700 informatization-index 2010 eq 0.62']);
    expect(at('附件1!D5')).toEqual(['target 320700 informatization-index 2015 gt 0.71']);
    expect(at('附件1!E5')).toEqual(['actual 320700 informatization-index 2011 eq 0.64']);
    expect(observations).toHaveLength(3);
  });

  it.each([
    ['2011', 2011],
    ['2011年', 2011],
    ['２０１１年', 2011],
    ['2011年实现情况', 2011],
    ['2012年 实际', 2012],
    [2013, 2013],
  ])('reads the year of a column headed %s', async (heading, year) => {
    const { at } = await read({
      s: [
        ['指标', heading],
        ['宽带普及率（%）', 55],
      ],
    });
    expect(at('s!B2')).toEqual([`actual 320700 broadband-penetration ${year} eq 55`]);
  });

  it('matches indicator names across full-width and half-width forms, spaces, bracket styles and units', async () => {
    const { at, codes } = await read({
      s: [
        ['指标', '2011年'],
        ['省两化融合示范(试验)区（个）', 2],
        ['家庭宽带用户数 (万户)', 48],
        ['社会保障卡发卡量【万张】', 50],
        ['ＥＴＣ用户数', 10],
      ],
    });
    expect(codes).toEqual([]);
    expect(at('s!B2')).toEqual(['actual 320700 integration-demo-zones 2011 eq 2']);
    expect(at('s!B3')).toEqual(['actual 320700 broadband-subscribers 2011 eq 48']);
    expect(at('s!B4')).toEqual(['actual 320700 social-security-cards-issued 2011 eq 50']);
    expect(at('s!B5')).toEqual(['actual 320700 etc-users 2011 eq 10']);
  });

  it('takes the parts a row names, in its order (城市、乡镇 of three)', async () => {
    const { at } = await read({
      s: [
        ['指标', '2011年'],
        ['城市、乡镇宽带接入能力（Mbps）', '30，10'],
      ],
    });
    expect(at('s!B2')).toEqual([
      'actual 320700 broadband-access-capacity/urban 2011 eq 30',
      'actual 320700 broadband-access-capacity/town 2011 eq 10',
    ]);
  });

  it('reads a sub-row by the label in its cells (示范（试验区）：2) and targets of the 省 column as Jiangsu’s', async () => {
    const { at } = await read(
      {
        附件: [
          ['目标类型', '目标类型', '2010年实现情况', '省十二五规划预期目标', '市十二五规划预期目标'],
          ['总体目标', '经济社会各领域两化融合、信息化示范应用载体（个）', '示范（试验区）：2', '>50', '>5'],
          [
            '总体目标',
            '经济社会各领域两化融合、信息化示范应用载体（个）',
            '示范（试点）企业：3（27）',
            '100（1000）',
            '10（100）',
          ],
        ],
      },
      '320400',
    );
    expect(at('附件!C2')).toEqual(['actual 320400 integration-demo-zones 2010 eq 2']);
    expect(at('附件!D2')).toEqual(['target 320000 integration-demo-zones 2015 gt 50']);
    expect(at('附件!E2')).toEqual(['target 320400 integration-demo-zones 2015 gt 5']);
    expect(at('附件!C3')).toEqual([
      'actual 320400 integration-demo-pilot-enterprises/demo 2010 eq 3',
      'actual 320400 integration-demo-pilot-enterprises/pilot 2010 eq 27',
    ]);
    expect(at('附件!D3')).toEqual([
      'target 320000 integration-demo-pilot-enterprises/demo 2015 gte 100',
      'target 320000 integration-demo-pilot-enterprises/pilot 2015 gte 1000',
    ]);
  });

  it('matches a row by its indicator code first, so a renamed row still matches', async () => {
    const { at, codes } = await read({
      s: [
        ['指标代码', '指标', '单位', '2011年'],
        ['broadband-subscribers', '我们改过名字的宽带', '万户', 48],
      ],
    });
    expect(codes).toEqual([]);
    expect(at('s!D2')).toEqual(['actual 320700 broadband-subscribers 2011 eq 48']);
  });

  it('reads a workbook with the table on a later sheet and notes a sheet it cannot read', async () => {
    const { codes, observations } = await read({
      封面: [['关于报送2012年信息化指标的说明'], ['请查收']],
      数据: [
        ['指标', '2012年'],
        ['宽带普及率（%）', 70],
      ],
    });
    expect(observations).toHaveLength(1);
    expect(codes).toEqual(['warning sheet_without_header 封面!A1']);
  });
});

describe('every cell accounted for', () => {
  it('refuses a workbook with no header anywhere', async () => {
    const { codes } = await read({
      s: [
        ['宽带普及率', 70],
        ['移动电话用户', 400],
      ],
    });
    expect(codes).toEqual(['error no_header ']);
  });

  it('refuses a workbook with no cells at all', async () => {
    await expect(read({ s: [] })).rejects.toSatisfy(
      (error) => error instanceof WorkbookRefused && error.code === 'workbook_empty',
    );
  });

  it('lists a problem repeated on many cells once, with all its cells', async () => {
    const { problems } = await read({
      s: [
        ['指标', '2011年', '2012年'],
        ['宽带普及率（%）', { kind: 'date' }, { kind: 'error', text: '#DIV/0!' }],
        ['移动电话用户（万户）', { kind: 'date' }, { kind: 'formula', result: undefined }],
        ['家庭宽带用户数（万户）', { kind: 'date' }, 60],
      ],
    });
    expect(problems.map((p) => [p.code, p.severity, p.cells])).toEqual([
      ['date_not_a_value', 'error', ['s!B2', 's!B3', 's!B4']],
      ['spreadsheet_error', 'error', ['s!C2']],
      ['formula_without_result', 'error', ['s!C3']],
    ]);
    expect(problems[0]?.cell).toBe('s!B2');
  });

  it('refuses values of a row whose indicator is not in the catalog, and notes an unknown row without values', async () => {
    const { codes } = await read({
      s: [
        ['类别', '指标', '2011年'],
        ['经济信息化', '农民手机拥有率（%）', 55],
        ['经济信息化', '说明性的一行', '—'],
      ],
    });
    expect(codes).toEqual(['error indicator_not_recognised s!B2', 'warning row_not_recognised s!B3']);
  });

  it('refuses a year outside the plan period and a column given twice', async () => {
    const { codes } = await read({
      s: [
        ['指标', '2009年', '2011年', '2011年实现情况', '2016年'],
        ['宽带普及率（%）', 40, 50, 51, 90],
      ],
    });
    expect(codes).toEqual([
      'error year_outside_plan_period s!B1',
      'error duplicate_column s!D1',
      'error year_outside_plan_period s!E1',
    ]);
  });

  it('refuses a number in a column without heading and notes text there', async () => {
    const { codes } = await read({
      s: [
        ['指标', '2011年', null, null],
        ['宽带普及率（%）', 50, 52, '据通信管理局'],
      ],
    });
    expect(codes).toEqual(['error value_without_heading s!C2', 'warning cell_outside_table s!D2']);
  });

  it('refuses a label before a colon that names neither the row nor its parts, and tiers in an actual', async () => {
    const { codes } = await read({
      s: [
        ['指标', '2011年', '2012年'],
        ['宽带普及率（%）', '农村：50', '55'],
        ['政府核心业务信息化覆盖率（%）', '省级>90，市级>80', 85],
      ],
    });
    expect(codes).toContain('error tier_in_actual s!B3');
    expect(codes.some((code) => /^error (sub_row_label_unknown|unknown_part_label) s!B2$/.test(code))).toBe(
      true,
    );
  });

  it('refuses a unit that cannot be the indicator’s (the row names the wrong one)', async () => {
    const { codes } = await read({
      s: [
        ['指标', '单位', '2011年'],
        ['宽带普及率', '万户', 50],
      ],
    });
    expect(codes).toEqual(['error unit_incompatible s!A2']);
  });
});

describe('checks across the file', () => {
  it('refuses negative values and two different values for one point; notes the same value given twice', async () => {
    const { codes } = await read({
      一: [
        ['指标', '2011年', '2012年'],
        ['移动电话用户（万户）', -5, 340],
        ['家庭宽带用户数（万户）', 48, 60],
      ],
      二: [
        ['指标', '2012年'],
        ['移动电话用户（万户）', 341],
        ['家庭宽带用户数（万户）', 60],
      ],
    });
    expect(codes).toEqual([
      'error conflicting_values 二!B2',
      'error negative_value 一!B2',
      'warning value_repeated 二!B3',
    ]);
  });

  it('refuses a share of a whole above 100 % (a hard limit); values far from the series are judged on import, against the stored series', async () => {
    const { codes } = await read({
      s: [
        ['指标', '2011年', '2012年'],
        ['宽带普及率（%）', 120, 0.2],
        ['移动电话用户（万户）', 3400000, 340],
      ],
    });
    expect(codes).toEqual(['error share_above_100 s!B2']);
  });

  it('compares targets with the catalog: a difference or an unknown target is a warning, never written', async () => {
    const { codes, problems } = await read({
      s: [
        ['指标', '2015年预期目标'],
        ['家庭宽带用户数（万户）', 100],
        ['移动电话用户（万户）', 450],
        ['ETC用户数（万户）', 30],
      ],
    });
    expect(codes).toEqual(['warning target_differs_from_catalog s!B3', 'warning target_not_in_catalog s!B4']);
    expect(problems[0]?.message.zh).toContain('目标只能由规划文件修改');
    expect(problems[0]?.message.en).toContain('400');
  });

  it('notes a target column of no known plan and does not read it', async () => {
    const { codes, observations } = await read({
      s: [
        ['指标', '国家十二五规划预期目标', '2011年'],
        ['宽带普及率（%）', 50, 40],
      ],
    });
    expect(codes).toEqual(['warning target_column_without_plan s!B1']);
    expect(observations.map((o) => o.cell)).toEqual(['s!C2']);
  });
});
