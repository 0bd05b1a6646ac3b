import { convertUnit } from '../domain/units.ts';
import { type CellContext, normaliseName, parseCell, unitInName } from '../domain/value-grammar.ts';
import { isBadText, shownText } from '../domain/well-formed-text.ts';
import type { CatalogIndicator } from './import-catalog.ts';
import type { ImportContext } from './import-context.ts';
import type { ProblemList } from './problems.ts';
import type { ReadObservation } from './report.ts';
import { labelOf, oneLine, subRowLabel } from './row-label.ts';
import type { SheetLayout, ValueColumn } from './sheet-layout.ts';
import type { SheetCell, SheetRow } from './workbook.ts';

/** 注：…, 资料来源：…, 填表人：…, 联系电话：…: a note or the signature lines under the table, not rows of it. */
const FOOTNOTE =
  /^\s*(注|备注|说明|资料来源|数据来源|填表人|填报人|审核人|负责人|单位负责人|联系人|联系电话|填报单位|填报日期|制表人?|制表日期)\s*\d*\s*[:：.．、]/u;

/**
 * Each cell whose text holds a NUL or a lone surrogate is an error at the cell (text_invalid), and is left out of
 * the row; so is every cell of a sheet whose name holds one. Returns the row without them.
 */
function withoutBadText(sheet: string, row: SheetRow, problems: ProblemList): SheetRow {
  const badSheet = isBadText(sheet);
  const bad = row.cells.filter((cell) => badSheet || isBadText(cell.printed));
  if (bad.length === 0) return row;
  for (const cell of bad) {
    problems.error('text_invalid', `${shownText(sheet)}!${cell.address}`, {
      zh: `“${shownText(cell.printed)}”含有不允许的字符（NUL 或不成对的 UTF-16 代理项${badSheet ? '，在工作表名称中' : ''}），无法读取。请删除这些字符后重新上传。`,
      en: `"${shownText(cell.printed)}" holds a character that is not allowed (NUL or a lone UTF-16 surrogate${badSheet ? ', in the sheet name' : ''}) and cannot be read. Remove it and upload again.`,
    });
  }
  return { ...row, cells: row.cells.filter((cell) => !bad.includes(cell)) };
}

/** Any cell: is there something in it at all (a value, or something unreadable), or only a missing marker? */
const NEUTRAL: CellContext = { column: 'actual', unit: '', direction: 'increase', parts: [] };
const hasContent = (cell: SheetCell) => parseCell(cell.input, NEUTRAL).status !== 'missing';

const isText = (cell: SheetCell | undefined): cell is SheetCell => cell?.input.kind === 'text';

interface RowIndicator {
  indicator: CatalogIndicator;
  /** The cell that named it, and how. */
  cell: SheetCell | undefined;
  via: 'code' | 'sub-row' | 'name';
}

/**
 * Reads one row below the header: which indicator it is (hidden code column first, then a sub-row label such as
 * 示范（试验区）：2, then the names in the label columns, rightmost first), its unit, and every value cell through
 * the value grammar. Each cell becomes observations or a problem; nothing is skipped silently except notes
 * under the table and category rows.
 */
export function readRow(
  sheet: string,
  row: SheetRow,
  layout: SheetLayout,
  context: ImportContext,
  problems: ProblemList,
  observations: ReadObservation[],
): void {
  const at = (cell: SheetCell) => `${sheet}!${cell.address}`;
  row = withoutBadText(sheet, row, problems);
  const first = row.cells[0];
  if (!first) return;
  if (isText(first) && FOOTNOTE.test(first.printed)) return;
  // A row merged across (a title or category spanning the table) repeats one text in every cell.
  if (row.cells.length > 1 && new Set(row.cells.map((c) => c.printed.trim())).size === 1 && isText(first))
    return;

  const cells = new Map(row.cells.map((cell) => [cell.column, cell]));
  const labels = layout.labelColumns.map((column) => cells.get(column)).filter(isText);
  const values = layout.valueColumns
    .map((column) => ({ column, cell: cells.get(column.column) }))
    .filter((entry): entry is { column: ValueColumn; cell: SheetCell } => entry.cell !== undefined);

  const found = findIndicator(sheet, cells, labels, values, layout, context, problems);
  if (!found) {
    const withContent = values.filter(({ cell }) => hasContent(cell));
    if (withContent.length > 0) {
      const named = labels.at(-1);
      const name = named?.printed.trim();
      const place = {
        cell: at(named ?? withContent[0]?.cell ?? first),
        ...(name ? { rowLabel: oneLine(name) } : {}),
      };
      if (name) {
        // The hint is the same for every such row: given once for all of them.
        problems.error(
          'indicator_not_recognised',
          place,
          {
            zh: `“${name}”不是目录中的指标（已按全角/半角、空格、括号和单位规范化后比对），本行的数值无法导入。`,
            en: `"${name}" is not an indicator of the catalog (compared after normalising full-/half-width forms, spaces, brackets and units); the row's values cannot be imported.`,
          },
          { zh: '请使用模板中的指标名称。', en: 'Use the indicator names of the template.' },
        );
      } else {
        problems.error('indicator_not_recognised', place, {
          zh: '本行有数值，但没有指标名称。请在指标栏填写指标名称。',
          en: 'The row has values but no indicator name. Write the indicator name in the indicator column.',
        });
      }
    } else if (new Set(labels.map((cell) => cell.printed.trim())).size > 1) {
      const named = labels.at(-1) ?? first;
      problems.warning(
        'row_not_recognised',
        { cell: at(named), rowLabel: oneLine(named.printed) },
        {
          zh: `“${named.printed.trim()}”不是目录中的指标，本行也没有数值，已跳过。`,
          en: `"${named.printed.trim()}" is not an indicator of the catalog and the row has no values; it was skipped.`,
        },
      );
    }
    return;
  }
  const { indicator } = found;
  const rowLabel = labelOf(found, labels);
  const labelled = rowLabel === null ? {} : { rowLabel };
  // Where a problem of this row is: the cell, the row as the sheet names it, and the column's year.
  const placeOf = (cell: SheetCell, year?: number) => ({
    cell: at(cell),
    ...labelled,
    ...(year === undefined ? {} : { year }),
  });
  const unit = rowUnit(cells, labels, layout, indicator);
  if (unit !== indicator.unit && convertUnit(1, unit, indicator.unit) === undefined) {
    problems.error('unit_incompatible', placeOf(found.cell ?? first), {
      zh: `本行的单位“${unit}”与指标“${indicator.name}”的单位“${indicator.unit}”无法换算，可能对应了错误的指标。`,
      en: `The row's unit "${unit}" cannot be converted to the unit "${indicator.unit}" of "${indicator.name}"; the row may name the wrong indicator.`,
    });
    return;
  }
  const ownLabels = new Set([indicator.name, ...indicator.aliases].map(normaliseName));
  // A row found by its code is one of our templates' rows: every part of the indicator, in the catalog's order.
  const parts = found.via === 'code' ? indicator.parts : partsNamed(found.cell?.printed ?? '', indicator);
  for (const { column, cell } of values) {
    const parsed = parseCell(cell.input, {
      column: column.kind,
      unit,
      direction: indicator.direction,
      parts,
    });
    const place = placeOf(cell, column.year);
    if (parsed.status === 'problem') {
      problems.error(parsed.problem.code, place, parsed.problem.message, parsed.problem.hint);
      continue;
    }
    if (parsed.label !== undefined && !ownLabels.has(parsed.label)) {
      problems.error('sub_row_label_unknown', place, {
        zh: `“${cell.printed.trim()}”冒号前的“${parsed.label}”不是本行指标“${indicator.name}”的名称，也不是它的分项。`,
        en: `"${parsed.label}" before the colon in "${cell.printed.trim()}" names neither the row's indicator "${indicator.name}" nor one of its parts.`,
      });
      continue;
    }
    if (parsed.status === 'missing') continue;
    if (column.kind === 'actual' && parsed.values.some((value) => value.tier !== null)) {
      problems.error('tier_in_actual', place, {
        zh: `“${cell.printed.trim()}”按层级（省级、市级、县级）填写，但层级只用于目标；实现情况请填写本地区的一个数值。`,
        en: `"${cell.printed.trim()}" gives values per government tier, which only targets have; an actual is one value for the region.`,
      });
      continue;
    }
    for (const value of parsed.values) {
      observations.push({
        region: column.regionCode,
        indicator: { code: indicator.code, name: indicator.name, unit },
        part: value.part,
        tier: value.tier,
        year: column.year,
        kind: column.kind,
        comparator: value.comparator,
        value: value.value,
        ...(value.upper === undefined ? {} : { upper: value.upper }),
        cell: at(cell),
        sheet,
        address: cell.address,
        printed: cell.printed,
        rowLabel,
        ...(column.planId ? { planId: column.planId } : {}),
      });
    }
  }
  reportStrayCells(sheet, row, layout, problems, labelled);
}

function findIndicator(
  sheet: string,
  cells: Map<number, SheetCell>,
  labels: SheetCell[],
  values: { cell: SheetCell }[],
  layout: SheetLayout,
  context: ImportContext,
  problems: ProblemList,
): RowIndicator | undefined {
  const at = (cell: SheetCell) => `${sheet}!${cell.address}`;
  // Our templates carry the indicator's code in a hidden column: a renamed row still matches.
  const codeCell = layout.codeColumn === undefined ? undefined : cells.get(layout.codeColumn);
  if (codeCell) {
    const indicator = context.index.byCode(codeCell.printed);
    if (indicator) return { indicator, cell: codeCell, via: 'code' };
    const name = labels.at(-1)?.printed;
    const place = { cell: at(codeCell), ...(name?.trim() ? { rowLabel: oneLine(name) } : {}) };
    problems.warning('indicator_code_unknown', place, {
      zh: `指标代码“${codeCell.printed.trim()}”不在目录中，改按指标名称识别本行。`,
      en: `The indicator code "${codeCell.printed.trim()}" is not in the catalog; the row is matched by its name instead.`,
    });
  }
  const candidates: { cell: SheetCell; text: string; via: 'sub-row' | 'name' }[] = [];
  for (const { cell } of values) {
    const label = subRowLabel(cell);
    if (label) candidates.push({ cell, text: label, via: 'sub-row' });
  }
  for (const cell of [...labels].reverse()) candidates.push({ cell, text: cell.printed, via: 'name' });
  for (const candidate of candidates) {
    const match = context.index.match(candidate.text);
    if (match.kind === 'found')
      return { indicator: match.indicator, cell: candidate.cell, via: candidate.via };
    if (match.kind === 'ambiguous') {
      problems.error(
        'indicator_ambiguous',
        { cell: at(candidate.cell), rowLabel: oneLine(candidate.text) },
        {
          zh: `“${candidate.text.trim()}”可指多个指标（${match.codes.join('、')}），无法确定。请使用模板中的指标名称。`,
          en: `"${candidate.text.trim()}" can mean several indicators (${match.codes.join(', ')}). Use the indicator names of the template.`,
        },
      );
      return undefined;
    }
  }
  return undefined;
}

/**
 * The parts a row lists in its name, in the order it lists them (城市、乡镇宽带接入能力: urban, town), or all of
 * the indicator's parts when the name lists none (宽带接入能力).
 */
function partsNamed(name: string, indicator: CatalogIndicator): CatalogIndicator['parts'] {
  const text = normaliseName(name);
  const named = indicator.parts
    .map((part) => ({ part, at: text.indexOf(normaliseName(part.name)) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ part }) => part);
  return named.length > 0 ? named : indicator.parts;
}

/** The unit column of our templates, else the unit in the row's name (（万张）), else the catalog's. */
function rowUnit(
  cells: Map<number, SheetCell>,
  labels: SheetCell[],
  layout: SheetLayout,
  indicator: CatalogIndicator,
): string {
  const unitCell = layout.unitColumn === undefined ? undefined : cells.get(layout.unitColumn);
  const written = unitCell?.printed.trim();
  if (written) return written;
  for (const cell of [...labels].reverse()) {
    const unit = unitInName(cell.printed);
    if (unit !== undefined) return unit;
  }
  return indicator.unit;
}

/** Cells in no column of the table: a number there is a value we cannot place; text is noted and left. */
function reportStrayCells(
  sheet: string,
  row: SheetRow,
  layout: SheetLayout,
  problems: ProblemList,
  labelled: { rowLabel?: string },
): void {
  const known = new Set<number>([
    ...layout.labelColumns,
    ...layout.valueColumns.map((c) => c.column),
    ...layout.ignoredColumns,
    ...(layout.codeColumn === undefined ? [] : [layout.codeColumn]),
    ...(layout.unitColumn === undefined ? [] : [layout.unitColumn]),
  ]);
  for (const cell of row.cells) {
    if (known.has(cell.column)) continue;
    if (hasNumber(cell)) {
      problems.error(
        'value_without_heading',
        { cell: `${sheet}!${cell.address}`, ...labelled },
        {
          zh: '该列没有表头（年份或目标），其中的数值无法归属。请在表头行填写该列的年份（如“2012年”）。',
          en: 'This column has no heading (a year or a target), so its values cannot be placed. Write the column\'s year (such as "2012年") in the header row.',
        },
      );
    } else {
      problems.warning(
        'cell_outside_table',
        { cell: `${sheet}!${cell.address}`, ...labelled },
        {
          zh: '该单元格不在任何有表头的栏内，未读取。',
          en: 'The cell is in no column with a heading; it was not read.',
        },
      );
    }
  }
}

const hasNumber = (cell: SheetCell) =>
  cell.input.kind === 'number' || (cell.input.kind === 'formula' && typeof cell.input.result === 'number');
