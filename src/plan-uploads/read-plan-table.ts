import type { Citation, DraftIndicator, DraftRow, DraftValue } from '../domain/plan-table/draft.ts';
import {
  inferDirection,
  inferGrowth,
  inferKind,
  partCode,
  proposedCode,
} from '../domain/plan-table/infer.ts';
import { convertUnit } from '../domain/units.ts';
import { type CellContext, normaliseName, parseCell, unitInName, withHint } from '../domain/value-grammar.ts';
import type { Comparator, Direction, IndicatorCode } from '../domain/vocabulary.ts';
import type { CatalogIndicator, CatalogPlan, ImportCatalog } from '../imports/import-catalog.ts';
import { IndicatorIndex } from '../imports/indicator-index.ts';
import type { ProblemList } from '../imports/problems.ts';
import type { SheetCell, SheetRow, WorkbookRows } from '../imports/workbook.ts';
import { classifyPlanHeading, type PlanColumnRole } from './plan-headings.ts';

export interface PlanTableContext {
  catalog: ImportCatalog;
  planId: string;
  regionCode: string;
  /** The province above the region, whose plan a 省… target column quotes. */
  provinceCode: string | undefined;
  period: { start: number; end: number };
}

interface ValueColumn {
  column: number;
  kind: 'baseline' | 'target';
  year: number;
  planId: string;
  regionCode: string;
}

interface Layout {
  code?: number;
  unit?: number;
  direction?: number;
  growth?: number;
  category?: number;
  labels: number[];
  values: ValueColumn[];
}

/** 注：…, 资料来源：…: notes under the table, not rows of it. */
const FOOTNOTE = /^\s*(注|备注|说明|资料来源|数据来源)\s*\d*\s*[:：.．、]/u;
/** 一、 （二） 3. : the numbering a category or row label is printed with. */
const NUMBERING = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*/u;
const ANNUAL_GROWTH = /^\s*(?:年均|年平均)(?:增长|增速|增幅)?(?:率)?\s*/u;
const TIERS = /^(省级|市级|县级|省|市|县)$/u;

const isText = (cell: SheetCell | undefined): cell is SheetCell => cell?.input.kind === 'text';
const textOf = (cell: SheetCell | undefined) => (cell ? cell.printed.trim() : '');

/**
 * Reads a plan's indicator table as the document prints it: a title row, a header row (指标, 基期 or 2020年, 目标
 * or 2025年, perhaps 省… and 市… target columns, 单位, and the optional 代码 / 方向 / 增长方式 that override what
 * is inferred), category cells merged down the rows or category rows across, compound and tiered cells, notes
 * below. Every row becomes a DraftRow or a problem at its cell.
 */
export async function readPlanTable(
  workbook: WorkbookRows,
  context: PlanTableContext,
  problems: ProblemList,
): Promise<DraftRow[]> {
  const rows: DraftRow[] = [];
  const index = new IndicatorIndex(context.catalog.indicators);
  let anyHeader = false;
  for await (const sheet of workbook.sheets) {
    let layout: Layout | undefined;
    let category = '';
    for await (const row of sheet.rows) {
      if (!layout) {
        layout = headerLayout(sheet.name, row, context, problems);
        anyHeader ||= layout !== undefined;
        continue;
      }
      const categoryRow = categoryOf(row, layout);
      if (categoryRow !== undefined) {
        category = categoryRow;
        continue;
      }
      const read = readRow(sheet.name, row, layout, category, context, index, problems, rows.length + 1);
      if (read && !repeatsEarlierRow(read, rows, problems)) rows.push(read);
    }
  }
  if (!anyHeader) {
    problems.error('plan_header_not_found', undefined, {
      zh: '没有找到指标表的表头行（如“指标 | 2020年 | 2025年目标”）。请保留表头行，指标名称一栏须题为“指标”。',
      en: 'No header row of an indicator table was found (such as "指标 | 2020年 | 2025年目标"). Keep the header row; the indicator column must be headed "指标".',
    });
  }
  return rows;
}

/**
 * Two rows of one table stating the same indicator's value for the same year (the same part, or the whole beside
 * its parts) leave no one value to monitor: the later row is refused at its cell.
 */
function repeatsEarlierRow(row: DraftRow, rows: readonly DraftRow[], problems: ProblemList): boolean {
  const earlier = rows.find((other) => other.indicator.code === row.indicator.code);
  if (!earlier) return false;
  const keys = (r: DraftRow) =>
    [...r.baselines, ...r.targets].map((v) => ({
      key: `${v.planId}|${v.year}|${v.tier ?? ''}`,
      part: v.part,
    }));
  const before = keys(earlier);
  const clash = keys(row).some(({ key, part }) =>
    before.some((b) => b.key === key && (b.part === part || b.part === null || part === null)),
  );
  if (!clash) return false;
  problems.error('indicator_repeated', `${row.cite.sheet}!${row.cite.cell}`, {
    zh: `“${row.indicator.printedName}”与 ${earlier.cite.sheet}!${earlier.cite.cell} “${earlier.indicator.printedName}”是同一指标（${row.indicator.code}），同一年份重复填写了数值（或既填总体又填分项）。请合并为一行，或在“代码”栏为其中一行另给代码。`,
    en: `"${row.indicator.printedName}" is the same indicator (${row.indicator.code}) as "${earlier.indicator.printedName}" at ${earlier.cite.sheet}!${earlier.cite.cell}, with values for the same year (or the whole beside its parts). Merge the rows, or give one of them its own code in a 代码 column.`,
  });
  return true;
}

function headerLayout(
  sheet: string,
  row: SheetRow,
  context: PlanTableContext,
  problems: ProblemList,
): Layout | undefined {
  const roles = new Map<number, PlanColumnRole>();
  for (const cell of row.cells) {
    const text = cell.input.kind === 'number' ? String(cell.input.value) : isText(cell) ? cell.printed : '';
    const role = classifyPlanHeading(text, context.period);
    if (role) roles.set(cell.column, role);
  }
  const kinds = [...roles.values()].map((role) => role.role);
  if (!kinds.includes('indicator') || !kinds.some((k) => k === 'baseline' || k === 'target'))
    return undefined;
  const layout: Layout = { labels: [], values: [] };
  const province = context.provinceCode
    ? provincePlan(context.catalog, context.provinceCode, context.period.end)
    : undefined;
  for (const cell of row.cells) {
    const role = roles.get(cell.column);
    if (!role) continue;
    switch (role.role) {
      case 'code':
      case 'unit':
      case 'direction':
      case 'growth':
      case 'category':
        layout[role.role] ??= cell.column;
        break;
      case 'indicator':
        layout.labels.push(cell.column);
        break;
      case 'ignored':
        break;
      case 'baseline':
        layout.values.push({
          column: cell.column,
          kind: 'baseline',
          year: role.year,
          planId: context.planId,
          regionCode: context.regionCode,
        });
        break;
      case 'target': {
        const { start, end } = context.period;
        if (role.year < start || role.year > end) {
          problems.error('year_outside_plan_period', `${sheet}!${cell.address}`, {
            zh: `目标栏“${cell.printed.trim()}”的年份 ${role.year} 不在规划期间 ${start}–${end} 内。请改正年份或规划期间。`,
            en: `The target column "${cell.printed.trim()}" is for ${role.year}, outside the plan period ${start}–${end}. Correct the year or the plan's period.`,
          });
        } else if (role.scope === 'own') {
          layout.values.push({
            column: cell.column,
            kind: 'target',
            year: role.year,
            planId: context.planId,
            regionCode: context.regionCode,
          });
        } else if (role.scope === 'province' && province) {
          layout.values.push({
            column: cell.column,
            kind: 'target',
            year: role.year,
            planId: province.planId,
            regionCode: province.regionCode,
          });
        } else {
          problems.warning('target_column_without_plan', `${sheet}!${cell.address}`, {
            zh: `“${cell.printed.trim()}”是上级规划的目标栏，但目录中没有该规划（同一期间），该栏未读取。`,
            en: `"${cell.printed.trim()}" holds the targets of a plan above this one, but the catalog has no such plan for the same period; the column was not read.`,
          });
        }
        break;
      }
      default:
        return role satisfies never;
    }
  }
  // Unheaded columns left of the first value column name the row too (a category merged down the rows).
  const firstValue = Math.min(...layout.values.map((v) => v.column), Number.POSITIVE_INFINITY);
  const used = new Set([layout.code, layout.unit, layout.direction, layout.growth, layout.category]);
  for (let column = 1; column < firstValue; column++) {
    if (!roles.has(column) && !used.has(column)) layout.labels.push(column);
  }
  layout.labels.sort((a, b) => a - b);
  return layout;
}

function provincePlan(catalog: ImportCatalog, provinceCode: string, end: number): CatalogPlan | undefined {
  return [...catalog.plans.values()].find(
    (plan) => plan.regionCode === provinceCode && plan.period.end === end,
  );
}

/** A row that only names a category (一、信息基础设施, merged across the table): its name, else undefined. */
function categoryOf(row: SheetRow, layout: Layout): string | undefined {
  const texts = [...new Set(row.cells.map(textOf).filter((text) => text !== ''))];
  if (texts.length !== 1) return undefined;
  const first = row.cells[0];
  if (!isText(first) || FOOTNOTE.test(first.printed)) return undefined;
  const valueColumns = new Set(layout.values.map((v) => v.column));
  // A single text in a value column alone is a value, not a category.
  if (row.cells.length === 1 && valueColumns.has(first.column)) return undefined;
  return cleanLabel(texts[0] ?? '');
}

const cleanLabel = (text: string) => text.replace(NUMBERING, '').trim();

function readRow(
  sheet: string,
  row: SheetRow,
  layout: Layout,
  category: string,
  context: PlanTableContext,
  index: IndicatorIndex,
  problems: ProblemList,
  ordinal: number,
): DraftRow | undefined {
  const cells = new Map(row.cells.map((cell) => [cell.column, cell]));
  const first = row.cells[0];
  if (!first || (isText(first) && FOOTNOTE.test(first.printed))) return undefined;
  const at = (cell: SheetCell) => `${sheet}!${cell.address}`;
  const labels = layout.labels.map((column) => cells.get(column)).filter(isText);
  const nameCell = labels.at(-1);
  const values = layout.values
    .map((column) => ({ column, cell: cells.get(column.column) }))
    .filter((entry): entry is { column: ValueColumn; cell: SheetCell } => entry.cell !== undefined);
  if (!nameCell) {
    if (values.length > 0) {
      problems.error('plan_row_without_name', at(values[0]?.cell ?? first), {
        zh: '本行有数值，但没有指标名称。请在“指标”栏填写指标名称。',
        en: 'The row has values but no indicator name. Write the indicator name in the 指标 column.',
      });
    }
    return undefined;
  }
  const rowCategory =
    layout.category !== undefined
      ? cleanLabel(textOf(cells.get(layout.category))) || category
      : labels.length > 1
        ? cleanLabel(textOf(labels[0])) || category
        : category;
  const printedName = cleanLabel(nameCell.printed);
  const unit =
    textOf(layout.unit === undefined ? undefined : cells.get(layout.unit)) || unitInName(printedName) || '';
  const name = withoutUnit(printedName, unit);
  const cite = (cell: SheetCell): Citation => ({ sheet, cell: cell.address, printed: cell.printed.trim() });

  const matched = matchIndicator(
    textOf(layout.code === undefined ? undefined : cells.get(layout.code)),
    printedName,
    unit,
    index,
    at(nameCell),
    problems,
  );
  if (matched === 'problem') return undefined;
  const existing = matched?.indicator;
  const parts = existing ? existing.parts : partsOf(values.map((v) => v.cell));

  const parse = (direction: Direction) => {
    const baselines: DraftValue[] = [];
    const targets: DraftValue[] = [];
    const cellProblems: { cell: string; code: string; message: { zh: string; en: string } }[] = [];
    for (const { column, cell } of values) {
      const growth = isText(cell) && ANNUAL_GROWTH.test(cell.printed) && column.kind === 'target';
      const input =
        growth && cell.input.kind === 'text'
          ? { kind: 'text' as const, text: cell.input.text.replace(ANNUAL_GROWTH, '') }
          : cell.input;
      const cellContext: CellContext = {
        column: column.kind === 'baseline' ? 'actual' : 'target',
        unit: growth ? '%' : unit,
        direction,
        parts,
      };
      const parsed = parseCell(input, cellContext);
      if (parsed.status === 'problem') {
        cellProblems.push({ cell: at(cell), code: parsed.problem.code, message: withHint(parsed.problem) });
        continue;
      }
      if (parsed.status === 'missing') continue;
      for (const value of parsed.values) {
        const stated: DraftValue = {
          planId: column.planId,
          regionCode: column.regionCode,
          year: column.year,
          part: value.part,
          tier: value.tier,
          basis: growth ? 'annual_growth' : 'level',
          comparator: value.comparator,
          value: value.value,
          ...(value.upper === undefined ? {} : { upper: value.upper }),
          unit: growth ? '%' : unit,
          cite: cite(cell),
        };
        if (column.kind === 'baseline') {
          if (value.tier !== null) {
            cellProblems.push({
              cell: at(cell),
              code: 'tier_in_baseline',
              message: {
                zh: `“${cell.printed.trim()}”按层级填写，但基期值是本地区的一个实际数值。`,
                en: `"${cell.printed.trim()}" gives values per government tier, but a base-year value is one actual value of the region.`,
              },
            });
            continue;
          }
          baselines.push(stated);
        } else targets.push(stated);
      }
    }
    return { baselines, targets, cellProblems };
  };

  const directionColumn = layout.direction === undefined ? undefined : textOf(cells.get(layout.direction));
  let read = parse(existing?.direction ?? 'increase');
  const direction =
    existing && !directionColumn
      ? { value: existing.direction, from: 'catalog' as const }
      : inferDirection({
          column: directionColumn,
          name,
          targetComparators: printedComparators(read.targets),
          baseline: read.baselines.find((b) => b.part === null)?.value,
          targets: read.targets
            .filter((t) => t.basis === 'level' && t.part === null && t.tier === null)
            .map((t) => t.value),
        });
  if ('problem' in direction) {
    problems.error(
      'direction_unknown',
      `${sheet}!${cells.get(layout.direction ?? 0)?.address ?? nameCell.address}`,
      {
        zh: `“${direction.problem}”不是指标方向。请填写“正向”（越大越好）或“逆向”（越小越好）。`,
        en: `"${direction.problem}" is not a direction. Write 正向 (higher is better) or 逆向 (lower is better).`,
      },
    );
    return undefined;
  }
  if (direction.value !== (existing?.direction ?? 'increase')) read = parse(direction.value);
  for (const problem of read.cellProblems) problems.error(problem.code, problem.cell, problem.message);
  if (read.cellProblems.length > 0) return undefined;
  if (read.baselines.length === 0 && read.targets.length === 0) {
    problems.warning('plan_row_without_values', at(nameCell), {
      zh: `“${printedName}”没有基期值，也没有目标值，未读取。`,
      en: `"${printedName}" has neither a base-year value nor a target; it was not read.`,
    });
    return undefined;
  }
  const kind = existing ? { value: existing.kind, from: 'catalog' as const } : inferKind(unit, name);
  const growthColumn = layout.growth === undefined ? undefined : textOf(cells.get(layout.growth));
  const growth = inferGrowth(kind.value, growthColumn);
  if ('problem' in growth) {
    problems.error(
      'growth_model_unknown',
      `${sheet}!${cells.get(layout.growth ?? 0)?.address ?? nameCell.address}`,
      {
        zh: `“${growth.problem}”不是增长方式。请填写“线性”（按百分点）或“复合”（按增长率）。`,
        en: `"${growth.problem}" is not a growth model. Write 线性 (linear, by points) or 复合 (compound, by a rate).`,
      },
    );
    return undefined;
  }
  const indicator: DraftIndicator = {
    code: matched?.code ?? proposedCode(context.planId, ordinal),
    name: existing?.name ?? name,
    printedName,
    category: rowCategory || '主要指标',
    unit: existing?.unit ?? unit,
    kind,
    direction,
    growth,
    parts,
    match: matched?.match ?? { kind: 'new', via: 'proposed' },
  };
  // A shared indicator is stated in its own unit: 亿元 of the sheet become the catalog's 万元 if need be.
  if (existing && existing.unit !== unit) {
    for (const value of [...read.baselines, ...read.targets]) {
      if (value.basis !== 'level') continue;
      value.value = convertUnit(value.value, unit, existing.unit) ?? value.value;
      value.unit = existing.unit;
    }
  }
  return { cite: cite(nameCell), indicator, baselines: read.baselines, targets: read.targets };
}

/** The comparators the targets were printed with (a bare target's comparator comes from the direction). */
const printedComparators = (targets: DraftValue[]): Comparator[] =>
  targets
    .filter((t) => /[<>＜＞≤≥≦≧]|以上|以下|不低于|不高于|超过|低于|控制在/u.test(t.cite.printed))
    .map((t) => t.comparator);

function withoutUnit(printed: string, unit: string): string {
  if (unit === '') return printed;
  const bracket = /\s*[（(]\s*(?:单位\s*[:：])?\s*([^（）()]*)\s*[)）]\s*$/u.exec(printed);
  if (!bracket) return printed;
  const inside = (bracket[1] ?? '').normalize('NFKC').trim();
  return inside === unit.normalize('NFKC') ? printed.slice(0, bracket.index).trim() : printed;
}

interface Matched {
  code: IndicatorCode;
  indicator: CatalogIndicator | undefined;
  match: DraftIndicator['match'];
}

function matchIndicator(
  code: string,
  printedName: string,
  unit: string,
  index: IndicatorIndex,
  where: string,
  problems: ProblemList,
): Matched | undefined | 'problem' {
  if (code !== '') {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/u.test(code)) {
      problems.error('indicator_code_invalid', where, {
        zh: `指标代码“${code}”无效：只能用小写字母、数字和连字符（如 broadband-penetration）。`,
        en: `The indicator code "${code}" is not valid: lower-case letters, digits and hyphens only (such as broadband-penetration).`,
      });
      return 'problem';
    }
    const indicator = index.byCode(code);
    return indicator
      ? {
          code,
          indicator,
          match: { kind: 'existing', via: 'code', confidence: 1, matchedName: indicator.name },
        }
      : { code, indicator: undefined, match: { kind: 'new', via: 'code' } };
  }
  const found = index.match(printedName);
  if (found.kind === 'ambiguous') {
    problems.warning('indicator_ambiguous', where, {
      zh: `“${printedName}”可指目录中的多个指标（${found.codes.join('、')}），已作为新指标处理；如指已有指标，请在“代码”栏填写其代码。`,
      en: `"${printedName}" can mean several indicators of the catalog (${found.codes.join(', ')}); it is drafted as a new one. To use an existing one, write its code in a 代码 column.`,
    });
    return undefined;
  }
  if (found.kind !== 'found') return undefined;
  const { indicator } = found;
  // The same name in a unit that cannot be converted counts something else: its own indicator.
  if (unit !== indicator.unit && convertUnit(1, unit, indicator.unit) === undefined) return undefined;
  const exact = normaliseName(indicator.name) === normaliseName(printedName);
  return {
    code: indicator.code,
    indicator,
    match: { kind: 'existing', via: 'name', confidence: exact ? 1 : 0.9, matchedName: indicator.name },
  };
}

/** The parts a compound row names in its cells (城市：100，农村：50), in the order first printed. */
function partsOf(cells: SheetCell[]): { code: string; name: string }[] {
  const names: string[] = [];
  for (const cell of cells) {
    if (!isText(cell)) continue;
    for (const segment of cell.printed.split(/[，,；;、]/u)) {
      const label = /^\s*([^:：\d<>＜＞≥≤]+?)\s*[:：]/u.exec(segment)?.[1]?.trim();
      if (label && !TIERS.test(label) && !names.includes(label)) names.push(label);
    }
  }
  const used = new Set<string>();
  return names.map((name, i) => {
    let code = partCode(name, i);
    while (used.has(code)) code = `${code}-${i + 1}`;
    used.add(code);
    return { code, name };
  });
}
