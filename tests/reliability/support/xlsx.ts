import { crc32, createDeflateRaw } from 'node:zlib';
import { makeZip } from '../../imports/support/zip.ts';

/**
 * A minimal xlsx written by hand, so that a test can make workbooks exceljs would never write (a million rows in
 * a few hundred kilobytes, a sheet with a huge dimension, ten thousand columns) without building them in memory:
 * each part is deflated as it is generated.
 */

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell of a hand-written sheet: text (inline), a number, or a formula with an error as its cached value. */
export type RawCell = string | number | { formula: string; error: string };

export function rowXml(row: number, cells: readonly RawCell[]): string {
  const parts = cells.map((cell, index) => {
    const ref = `${columnName(index + 1)}${row}`;
    if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
    if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${xmlText(cell)}</t></is></c>`;
    return `<c r="${ref}" t="e"><f>${xmlText(cell.formula)}</f><v>${xmlText(cell.error)}</v></c>`;
  });
  return `<row r="${row}">${parts.join('')}</row>`;
}

export function* sheetXml(rows: Iterable<string>, dimension?: string): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  yield '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  if (dimension) yield `<dimension ref="${dimension}"/>`;
  yield '<sheetData>';
  let chunk = '';
  for (const row of rows) {
    chunk += row;
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

interface Part {
  name: string;
  deflated: Buffer;
  crc: number;
  size: number;
}

async function deflatePart(name: string, content: Iterable<string>): Promise<Part> {
  const deflate = createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const text of content) {
    const bytes = Buffer.from(text, 'utf8');
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { name, deflated: Buffer.concat(chunks), crc, size };
}

/** An xlsx with these sheets (name, and the sheet XML as it is generated). */
export async function handMadeXlsx(
  sheets: readonly { name: string; xml: Iterable<string> }[],
): Promise<Buffer> {
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts = [
    await deflatePart('[Content_Types].xml', [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
      '<Default Extension="xml" ContentType="application/xml"/>',
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
      ...sheets.map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      ),
      '</Types>',
    ]),
    await deflatePart('_rels/.rels', [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/>`,
      '</Relationships>',
    ]),
    await deflatePart('xl/workbook.xml', [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>`,
      ...sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`),
      '</sheets></workbook>',
    ]),
    await deflatePart('xl/_rels/workbook.xml.rels', [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
      ...sheets.map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      ),
      '</Relationships>',
    ]),
  ];
  for (const [i, sheet] of sheets.entries())
    parts.push(await deflatePart(`xl/worksheets/sheet${i + 1}.xml`, sheet.xml));
  return makeZip(parts);
}
