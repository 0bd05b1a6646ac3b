import type { SeedCatalog } from '../domain/catalog/seed-files.ts';
import { normaliseName } from '../domain/value-grammar.ts';
import type { Direction } from '../domain/vocabulary.ts';
import { renderCell, type StatedCellValue } from './render-value.ts';

/** A plan's template as data: the rows and columns of its appendix table, values already written as text. */
export interface TemplateLayout {
  planId: string;
  title: string;
  regionCode: string;
  regionName: string;
  period: { start: number; end: number };
  /** The day the plan was issued: the file's timestamp, so regenerating it gives the same bytes. */
  issuedOn: string;
  baselineYear: number;
  /** Target columns as the appendix has them: the plan's own, and any other plan the appendix quotes. */
  targetColumns: { planId: string; regionCode: string; heading: string }[];
  reportYears: number[];
  rows: TemplateRow[];
}

export interface TemplateRow {
  code: string;
  category: string;
  name: string;
  unit: string;
  /** Whether 100 is 100 %: for the validation of its value cells. */
  isShare: boolean;
  baseline: string | number | null;
  targets: (string | number | null)[];
}

const FIVE_YEAR_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 2015 → 十二五: the n-th five-year plan ends in 1955 + 5n. */
const fiveYearName = (end: number) => `十${FIVE_YEAR_NUMERALS[(end - 1955) / 5 - 10] ?? ''}五`;
const LEVEL_PREFIX: Record<string, string> = { province: '省', city: '市', county: '县' };

type Key = string;
const key = (...parts: (string | number | null)[]): Key => parts.map((p) => p ?? '').join('|');

/**
 * The layout of plan `planId`'s template from the seed catalog: the indicators the plan states targets for (and
 * the baselines its document reports), in the order its document lists them, grouped by category; the 2010
 * baseline; the 2015 targets of each plan the document's table quotes (Changzhou's quotes Jiangsu's, 省, next to
 * its own, 市), as the catalog now states them, later documents' revisions applied; then 2011–2015.
 */
export function templateLayout(catalog: SeedCatalog, planId: string): TemplateLayout {
  const documents = [...catalog.documents].sort(
    (a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.document.localeCompare(b.document),
  );
  const publishing = documents.find((doc) => doc.plans.some((plan) => plan.planId === planId));
  const plan = publishing?.plans.find((p) => p.planId === planId);
  if (!publishing || !plan) throw new Error(`no plan ${planId} in the seed catalog`);
  const plans = new Map(documents.flatMap((doc) => doc.plans.map((p) => [p.planId, p] as const)));
  const regions = new Map(catalog.regions.map((region) => [region.code, region]));
  const indicators = new Map(catalog.indicators.map((indicator) => [indicator.code, indicator]));
  const baselineYear = plan.period.start - 1;

  // What the catalog states now: a later document's statement of the same target or value replaces an earlier one.
  const targets = new Map<Key, StatedCellValue & { unit: string; year: number }>();
  const actuals = new Map<Key, StatedCellValue & { unit: string; year: number }>();
  for (const doc of documents) {
    for (const t of doc.targets) {
      if (t.basis !== 'level') continue;
      targets.set(key(t.planId, t.regionCode, t.indicatorCode, t.part, t.tier, t.year), { ...t });
    }
    for (const a of doc.actuals) {
      actuals.set(key(a.regionCode, a.indicatorCode, a.part, a.year), { ...a, tier: null });
    }
  }

  const columnPlans = [...new Set([planId, ...publishing.targets.map((t) => t.planId)])]
    .map((id) => plans.get(id))
    .filter((p) => p !== undefined);
  columnPlans.sort((a, b) => (a.planId === planId ? 1 : 0) - (b.planId === planId ? 1 : 0));
  const targetColumns = columnPlans.map((p) => ({
    planId: p.planId,
    regionCode: p.regionCode,
    heading:
      columnPlans.length === 1
        ? `${p.period.end}年预期目标`
        : `${LEVEL_PREFIX[regions.get(p.regionCode)?.level ?? ''] ?? ''}${fiveYearName(p.period.end)}规划预期目标`,
  }));

  const ordered: string[] = [];
  const mention = (code: string) => {
    if (!ordered.includes(code)) ordered.push(code);
  };
  for (const t of publishing.targets) if (t.planId === planId) mention(t.indicatorCode);
  for (const a of publishing.actuals) if (a.regionCode === plan.regionCode) mention(a.indicatorCode);
  for (const doc of documents) for (const t of doc.targets) if (t.planId === planId) mention(t.indicatorCode);
  // Rows of the document's own table keep its category and name; others take the catalog's.
  const printed = new Map<string, { category: string; name: string }>();
  for (const statement of [...publishing.targets, ...publishing.actuals]) {
    const row = printedRow(statement.section);
    if (row && !printed.has(statement.indicatorCode)) printed.set(statement.indicatorCode, row);
  }
  const categoryOf = (code: string) => printed.get(code)?.category ?? indicators.get(code)?.category ?? '';
  const categories = [...new Set(ordered.map(categoryOf))];
  ordered.sort((a, b) => categories.indexOf(categoryOf(a)) - categories.indexOf(categoryOf(b)));

  const valuesOf = <V extends StatedCellValue>(map: Map<Key, V>, prefix: (string | number | null)[]) =>
    [...map.entries()].filter(([k]) => k.startsWith(`${key(...prefix)}|`)).map(([, v]) => v);
  const rows = ordered.map((code): TemplateRow => {
    const indicator = indicators.get(code);
    if (!indicator) throw new Error(`indicator ${code} of plan ${planId} is not in the catalog`);
    const context = (column: 'actual' | 'target') => ({
      column,
      direction: indicator.direction as Direction,
      parts: indicator.parts,
    });
    const baseline = valuesOf(actuals, [plan.regionCode, code]).filter((a) => a.year === baselineYear);
    const own = valuesOf(targets, [planId, plan.regionCode, code]);
    const unit = own[0]?.unit ?? baseline[0]?.unit ?? indicator.unit;
    const printedName = printed.get(code)?.name;
    return {
      code,
      category: categoryOf(code),
      name:
        printedName && namesAllParts(printedName, indicator.parts)
          ? withoutUnit(printedName, unit)
          : indicator.name,
      unit,
      isShare: indicator.kind === 'ratio' && unit === '%',
      baseline: renderCell(baseline, context('actual')),
      targets: targetColumns.map((column) =>
        renderCell(
          valuesOf(targets, [column.planId, column.regionCode, code]).filter(
            (t) => t.year === plans.get(column.planId)?.period.end,
          ),
          context('target'),
        ),
      ),
    };
  });
  const years: number[] = [];
  for (let year = plan.period.start; year <= plan.period.end; year++) years.push(year);
  return {
    planId,
    title: plan.title,
    regionCode: plan.regionCode,
    regionName: regions.get(plan.regionCode)?.name ?? plan.regionCode,
    period: plan.period,
    issuedOn: plan.issuedOn,
    baselineYear,
    targetColumns,
    reportYears: years,
    rows,
  };
}

/**
 * The category and row name of a statement cited from the document's indicator table, whose section reads
 * "附件1 <table title> <category> <row> [<sub-row>] <column>" with a column such as 2015年预期目标 or
 * 2010年实现情况; undefined for statements from the text or other tables.
 */
export function printedRow(section: string): { category: string; name: string } | undefined {
  const tokens = section.split(/\s+/u).filter((token) => token !== '');
  const column = tokens.at(-1) ?? '';
  if (!tokens[0]?.startsWith('附件') || tokens.length < 5 || !/(预期目标|实现情况)$/u.test(column))
    return undefined;
  const [category, row, sub] = tokens.slice(2, -1);
  if (!category || !row) return undefined;
  return { category, name: sub ? `${row.replace(/（[^（）]*）$/u, '')}：${sub}` : row };
}

/**
 * Whether a printed name fits a row with every part of the indicator: 城市、乡镇宽带接入能力 does not when the plan
 * also states a target for 农村 elsewhere, so that row takes the catalog's name (宽带接入能力).
 */
function namesAllParts(name: string, parts: readonly { name: string }[]): boolean {
  const text = normaliseName(name);
  const named = parts.filter((part) => text.includes(normaliseName(part.name)));
  return named.length === 0 || named.length === parts.length;
}

/** 社会保障卡发卡量（万张） in a row whose unit column says 万张: the unit once is enough. */
function withoutUnit(name: string, unit: string): string {
  return unit !== '' && name.endsWith(`（${unit}）`) ? name.slice(0, -unit.length - 2) : name;
}
