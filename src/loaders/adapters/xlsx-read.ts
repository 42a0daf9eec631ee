import type { Location, Problem } from '../../findings/finding.js';
import { fileStart } from '../../findings/finding.js';
import type { TableRow } from '../csv.js';
import { readTable } from '../csv.js';
import type { AdapterInput, AdapterOutput } from './types.js';

type CellValue = string | number | boolean | Date | null;

/** `B12`: the column's letters and the row's number, as Excel names a cell. */
export function cellName(row: number, column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/**
 * A sheet's name as a formula writes it: as it is when it is a plain word, else in single quotes (`'Plan 2026'`, and
 * `'Q1'`, which would read as a cell).
 */
function sheetReference(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^([A-Za-z]{1,3}\d+|R\d*C\d*)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

const pad = (number: number, width = 2): string => String(number).padStart(width, '0');

/**
 * A cell as a calendar CSV's text. Excel keeps a date as a number of days, which read-excel-file turns into a Date
 * whose UTC fields are the local time written in the sheet (a workbook has no zone), a hair off the second
 * (09:29:59.999 for 09:30): rounded to the second. A time alone (a `Time` column) is a day count below 1, a date in
 * 1899: it gives `HH:mm`. A date at midnight is a date alone, sent at `defaultSendTime`.
 */
function cellText(value: CellValue): string {
  if (value === null) return '';
  if (!(value instanceof Date)) return String(value);
  const time = new Date(Math.round(value.getTime() / 1000) * 1000);
  const clock = `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}${time.getUTCSeconds() ? `:${pad(time.getUTCSeconds())}` : ''}`;
  if (time.getUTCFullYear() < 1900) return clock;
  const day = `${pad(time.getUTCFullYear(), 4)}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())}`;
  return time.getUTCHours() || time.getUTCMinutes() || time.getUTCSeconds() ? `${day}T${clock}` : day;
}

/** What read-excel-file says of a file it cannot read, in the words of someone who saved it. */
function unreadable(file: string, error: unknown): Problem {
  const name = (error as Error).name;
  const message =
    name === 'SheetNotFoundError'
      ? `${(error as Error).message.replace(/^Sheet not found: (.*)\. Available sheets: (.*)$/, 'no sheet "$1" in this workbook (inputs[].sheet); its sheets are $2')}`
      : name === 'InvalidInputError'
        ? `unreadable workbook (${(error as { code?: string }).code ?? 'invalid'}): the file is cut short or no .xlsx (an old .xls is not read: save it as .xlsx)`
        : `unreadable workbook: ${(error as Error).message}`;
  return { rule: 'invalid-input', message, location: fileStart(file), ids: [message] };
}

/** Each sheet of a workbook, by name, its cells as a CSV's text (for `cxlint init`), or why it cannot be read. */
export async function workbookSheets(bytes: Uint8Array): Promise<{ sheets: Array<{ name: string; rows: string[][] }> } | { problem: string }> {
  const { default: readWorkbook } = await import('read-excel-file/node');
  try {
    const sheets = await readWorkbook(Buffer.from(bytes));
    return { sheets: sheets.map(({ sheet, data }) => ({ name: sheet, rows: (data as unknown as CellValue[][]).map((cells) => cells.map(cellText)) })) };
  } catch (error) {
    return { problem: unreadable('', error).message };
  }
}

/**
 * The first sheet of a workbook (or `inputs[].sheet`), read as a calendar CSV would be (SPEC 3.5): the first row is
 * the header, with the same aliases and `inputs[].columns`. Each cell is located at its row and column
 * (`plan.xlsx:12:2` for B12), and named as the sheet names it (`sheetRef`: `B12`, `Calendar!B12` on a sheet named by
 * `inputs[].sheet`), for the messages of findings there.
 */
export async function readXlsx(input: AdapterInput): Promise<AdapterOutput> {
  // Loaded only when a workbook is read: every other run starts without it.
  const { readSheet } = await import('read-excel-file/node');
  let sheet: CellValue[][];
  try {
    sheet = (await readSheet(Buffer.from(input.bytes), ...(input.options.sheet ? [input.options.sheet] : []))) as unknown as CellValue[][];
  } catch (error) {
    return { fragments: [], problems: [unreadable(input.file, error)] };
  }
  // A sheet named by inputs[].sheet is named in findings too, as Excel names a cell of it (`Calendar!B12`): a workbook
  // may be read sheet by sheet, and its sheets' cells share their lines and columns.
  const sheetName = input.options.sheet;
  const onSheet = sheetName === undefined ? '' : `${sheetReference(sheetName)}!`;
  const cellAt = (row: number, column: number): Location => ({ file: input.file, line: row, column, endLine: row, endColumn: column + 1, sheetRef: `${onSheet}${cellName(row, column)}` });
  const rowAt = (row: number, width: number): Location => ({ file: input.file, line: row, column: 1, endLine: row, endColumn: 1 + width, sheetRef: sheetName === undefined ? `row ${row}` : `row ${row} of ${sheetReference(sheetName)}` });
  const rows: TableRow[] = sheet.map((cells, index) => ({
    cells: cells.map((value, column) => ({ text: cellText(value), location: cellAt(index + 1, column + 1) })),
    location: rowAt(index + 1, Math.max(cells.length, 1)),
  }));
  const [header, ...rest] = rows;
  if (!header) return { fragments: [], problems: [] };
  const { fragment, problems, noCalendarColumns } = readTable(input.file, header, rest, { ...input.options, kind: input.options.kind ?? 'calendar' });
  return { fragments: fragment ? [fragment] : [], problems, ...(noCalendarColumns ? { noCalendarColumns } : {}) };
}
