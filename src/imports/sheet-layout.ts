import { type ColumnRole, classifyHeading } from './headings.ts';
import { type ImportContext, planOfRegion, provinceOf } from './import-context.ts';
import type { ProblemList } from './problems.ts';
import type { SheetRow } from './workbook.ts';

/** A column of values: actuals of a report year, or one plan's targets. */
export interface ValueColumn {
  column: number;
  heading: string;
  /** Sheet!A1 of the heading. */
  headingCell: string;
  kind: 'actual' | 'target';
  year: number;
  /** Whose value it is: the uploading region for actuals, the plan's region for targets. */
  regionCode: string;
  planId?: string;
}

/** Where things are in a sheet, read from its header row. */
export interface SheetLayout {
  headerRow: number;
  codeColumn: number | undefined;
  unitColumn: number | undefined;
  /** Columns left of the values that name the row (category, indicator, unheaded), left to right. */
  labelColumns: number[];
  valueColumns: ValueColumn[];
  /** Columns read as nothing: 序号, 备注, and target columns of no known plan. */
  ignoredColumns: Set<number>;
}

/** The roles of a row's cells if it is a header row: at least one value column and something naming rows. */
export function headerRoles(row: SheetRow): Map<number, ColumnRole> | undefined {
  const roles = new Map<number, ColumnRole>();
  for (const cell of row.cells) {
    if (cell.input.kind !== 'text') {
      // A number in the row: data, or a header written with bare years (2011 as a number).
      if (cell.input.kind === 'number' && Number.isInteger(cell.input.value)) {
        const role = classifyHeading(String(cell.input.value));
        if (role) roles.set(cell.column, role);
        continue;
      }
      return undefined;
    }
    const role = classifyHeading(cell.input.text);
    if (role) roles.set(cell.column, role);
  }
  const values = [...roles.values()].filter(
    (role) => role.role === 'actual' || role.role === 'target',
  ).length;
  const naming = [...roles.values()].filter(
    (role) => role.role === 'indicator' || role.role === 'category',
  ).length;
  return values >= 1 && (naming >= 1 || values >= 2) ? roles : undefined;
}

/**
 * The layout of a sheet from its header row: which plan and region each target column belongs to (Changzhou's
 * 省 column is Jiangsu's plan, region 320000; the 市 column the uploading region's own), and whether each year
 * lies in the plan's period (2010 baseline through 2015).
 */
export function buildLayout(
  sheet: string,
  header: SheetRow,
  roles: Map<number, ColumnRole>,
  context: ImportContext,
  problems: ProblemList,
): SheetLayout {
  const layout: SheetLayout = {
    headerRow: header.number,
    codeColumn: undefined,
    unitColumn: undefined,
    labelColumns: [],
    valueColumns: [],
    ignoredColumns: new Set(),
  };
  const { plan } = context;
  const seen = new Map<string, string>();
  for (const cell of header.cells) {
    const role = roles.get(cell.column);
    const where = `${sheet}!${cell.address}`;
    if (!role) continue;
    if (role.role === 'code') layout.codeColumn ??= cell.column;
    else if (role.role === 'unit') layout.unitColumn ??= cell.column;
    else if (role.role === 'ignored') layout.ignoredColumns.add(cell.column);
    else if (role.role === 'actual' || role.role === 'target') {
      const column = valueColumn(cell.printed, where, cell.column, role, context, problems);
      if (!column) {
        layout.ignoredColumns.add(cell.column);
        continue;
      }
      const key = `${column.kind}|${column.year}|${column.planId ?? ''}`;
      const earlier = seen.get(key);
      if (earlier) {
        problems.error('duplicate_column', where, {
          zh: `“${cell.printed}”与 ${earlier} 是同一栏（同一年份、同一类数值），无法判断以哪一栏为准。请删除其中一栏。`,
          en: `"${cell.printed}" is the same column as ${earlier} (same year and kind of value); we cannot tell which one counts. Delete one of them.`,
        });
        layout.ignoredColumns.add(cell.column);
        continue;
      }
      seen.set(key, where);
      const lowest = plan.period.start - 1;
      if (column.year < lowest || column.year > plan.period.end) {
        problems.error('year_outside_plan_period', where, {
          zh: `“${cell.printed}”的年份 ${column.year} 不在规划 ${plan.planId} 的期间内（${lowest} 年基期至 ${plan.period.end} 年）。请删除该栏或改正年份。`,
          en: `The year ${column.year} of "${cell.printed}" is outside the period of plan ${plan.planId} (${lowest} baseline to ${plan.period.end}). Delete the column or correct the year.`,
        });
        layout.ignoredColumns.add(cell.column);
        continue;
      }
      layout.valueColumns.push(column);
    }
  }
  const valueHeadings = [...roles].filter(([, role]) => role.role === 'actual' || role.role === 'target');
  const firstValue = Math.min(...valueHeadings.map(([column]) => column));
  for (let column = 1; column < firstValue; column++) {
    const role = roles.get(column);
    if (column === layout.codeColumn || column === layout.unitColumn || layout.ignoredColumns.has(column))
      continue;
    if (!role || role.role === 'category' || role.role === 'indicator') layout.labelColumns.push(column);
  }
  return layout;
}

function valueColumn(
  heading: string,
  where: string,
  column: number,
  role: Extract<ColumnRole, { role: 'actual' | 'target' }>,
  context: ImportContext,
  problems: ProblemList,
): ValueColumn | undefined {
  if (role.role === 'actual') {
    return {
      column,
      heading,
      headingCell: where,
      kind: 'actual',
      year: role.year,
      regionCode: context.region.code,
    };
  }
  const plan =
    role.scope === 'own'
      ? context.plan
      : role.scope === 'province'
        ? planOfRegion(context.catalog, provinceOf(context)?.code ?? '')
        : undefined;
  if (!plan) {
    problems.warning('target_column_without_plan', where, {
      zh: `“${heading}”是目标栏，但目录中没有对应的规划，该栏未读取。`,
      en: `"${heading}" is a target column, but no plan in the catalog matches it; the column was not read.`,
    });
    return undefined;
  }
  return {
    column,
    heading,
    headingCell: where,
    kind: 'target',
    year: role.year ?? plan.period.end,
    regionCode: plan.regionCode,
    planId: plan.planId,
  };
}
