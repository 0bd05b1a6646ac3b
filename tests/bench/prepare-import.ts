// Development aid: a database and a workbook ready for one import, to profile the child by hand:
//   tsx tests/bench/prepare-import.ts SERVER_URL ROWS DIR → prints the database URL and the workbook path.
import { join } from 'node:path';
import { openPostgres } from '../../src/database/connect.ts';
import { prepare, sheetLines } from './import.ts';
import { freshDatabase } from './support/postgres.ts';
import { writeSheet } from './support/workbook.ts';

const [server, rowsText, dir] = process.argv.slice(2);
if (!server || !rowsText || !dir) throw new Error('usage: prepare-import.ts SERVER_URL ROWS DIR');
const rows = Number(rowsText);
const path = join(dir, `national-${rows}.xlsx`);
await writeSheet(path, sheetLines(rows));
const target = await freshDatabase(server);
const setup = openPostgres(target.url, { max: 2 });
await prepare(setup.db, rows).finally(() => setup.close());
process.stdout.write(`${target.url} ${path}\n`);
