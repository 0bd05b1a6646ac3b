import ExcelJS from 'exceljs';

/**
 * Writes report-year values into a plan's generated template, as a clerk would: finds the header row's year
 * columns and each indicator's row by the code the template keeps in a hidden column. Throws when a code or a
 * year is not in the template, so a template that lost a row fails the test that fills it.
 */
export async function fillTemplate(
  template: Buffer,
  values: Record<string, Record<number, number>>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const years = new Set(Object.values(values).flatMap((byYear) => Object.keys(byYear).map(Number)));
  for (const sheet of workbook.worksheets) {
    const yearColumns = new Map<number, number>();
    const rowOfCode = new Map<string, number>();
    sheet.eachRow((row, rowNumber) => {
      row.eachCell((cell, column) => {
        const text = String(cell.text ?? '').trim();
        const year = Number(/^(20\d\d)\s*年?$/u.exec(text)?.[1]);
        if (years.has(year) && !yearColumns.has(year)) yearColumns.set(year, column);
        if (text in values) rowOfCode.set(text, rowNumber);
      });
    });
    if (rowOfCode.size === 0) continue;
    for (const [code, byYear] of Object.entries(values)) {
      const row = rowOfCode.get(code);
      if (row === undefined) throw new Error(`no row for ${code} in the template's sheet ${sheet.name}`);
      for (const [year, value] of Object.entries(byYear)) {
        const column = yearColumns.get(Number(year));
        if (column === undefined)
          throw new Error(`no column for ${year} in the template's sheet ${sheet.name}`);
        sheet.getCell(row, column).value = value;
      }
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
  throw new Error('no sheet of the template has the indicator codes');
}
