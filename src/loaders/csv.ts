import { CsvError, parse } from 'csv-parse/sync';
import type { InfoRecord } from 'csv-parse';
import type { Location, Problem } from '../findings/finding.js';
import type { CsvReading, Fragment, NodePosition } from './fragment.js';
import { pointerTo } from './fragment.js';
import { lineStarts, nextLineStart, positionAt } from './text.js';
import { didYouMean } from '../shared/did-you-mean.js';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };

export type CsvKind = 'calendar' | 'segments' | 'templates';

export interface CsvOptions extends CsvReading {
  kind: CsvKind;
  delimiter?: string;
  /** Field name → header, from the config's `inputs[].columns`. */
  columns?: Record<string, string>;
  /**
   * Added to the message of missing calendar columns: the `inputs[].format` that would read this header, if any. Asked
   * only when columns are missing, not for every file read.
   */
  missingColumnsHint?: () => string | undefined;
}

export interface CsvResult {
  fragment?: Fragment;
  problems: Problem[];
  /** A calendar CSV with none of the calendar columns: probably another kind of spreadsheet (a budget), not an export. */
  noCalendarColumns?: boolean;
}

/** Header aliases of calendar exports (SPEC 3.3), compared without case, spaces, `_` or `-`. */
export const CALENDAR_HEADERS: Record<string, string[]> = {
  date: ['date', 'send date', 'scheduled', 'scheduled at', 'start', 'start date', 'publish date'],
  time: ['time', 'send time'],
  timezone: ['timezone', 'time zone', 'tz'],
  segment: ['segment', 'audience', 'list', 'target'],
  channel: ['channel', 'platform', 'medium'],
  template: ['template', 'message', 'message id', 'email name', 'content id'],
  campaign: ['campaign', 'campaign name'],
  owner: ['owner', 'team', 'agency'],
  repeat: ['repeat', 'recurrence', 'rrule'],
  id: ['id', 'send id'],
};
export const REQUIRED_CALENDAR_FIELDS = ['date', 'segment', 'template'];
/**
 * REQUIRED_CALENDAR_FIELDS for the command line's main bundle (the adapters), which imports only functions from this
 * module's chunk (scripts/bundle-cli.mjs).
 */
export const requiredCalendarFields = (): string[] => [...REQUIRED_CALENDAR_FIELDS];

export const normalizeHeader = (header: string): string => header.toLowerCase().replace(/[\s_-]+/g, '');

interface SchemaProperty {
  type?: string | string[];
  $ref?: string;
}
const definitions = planSchema.definitions as unknown as Record<string, { properties: Record<string, SchemaProperty> }>;

/** How each column of a segments or templates CSV becomes a field: its path and whether it holds a list or a yes/no. */
interface ColumnTarget {
  path: string[];
  shape: 'text' | 'list' | 'boolean';
}

function shapeOf(property: SchemaProperty | undefined): ColumnTarget['shape'] {
  if (property?.type === 'boolean') return 'boolean';
  if (property?.type === 'array' || property?.$ref === '#/definitions/ids') return 'list';
  return 'text';
}

function columnTargets(kind: CsvKind, headers: string[], columns: Record<string, string>): Array<ColumnTarget | undefined> {
  const mapped = new Map(Object.entries(columns).map(([field, header]) => [normalizeHeader(header), field]));
  // A field `columns` maps to a header is read from that header only: a column that cxlint would know by its own name
  // (`Date` beside the mapped `Send Date`) is then another column, ignored, not a second source of the field.
  const mappedFields = new Set(Object.keys(columns).map(normalizeHeader));
  const ownName = (field: string | undefined): string | undefined => (field !== undefined && !mappedFields.has(normalizeHeader(field)) ? field : undefined);
  if (kind === 'calendar') {
    const aliases = new Map<string, string>();
    for (const [field, names] of Object.entries(CALENDAR_HEADERS)) for (const name of names) aliases.set(normalizeHeader(name), field);
    return headers.map((header) => {
      const field = mapped.get(normalizeHeader(header)) ?? ownName(aliases.get(normalizeHeader(header)));
      return field ? { path: [field], shape: 'text' } : undefined;
    });
  }
  const properties = propertiesOf(kind);
  const fields = new Map(Object.keys(properties).map((name) => [normalizeHeader(name), name]));
  return headers.map((header) => {
    const target = mapped.get(normalizeHeader(header)) ?? ownName(header);
    if (target === undefined) return undefined;
    const [head = '', ...rest] = target.split('.');
    const field = fields.get(normalizeHeader(head));
    return field ? { path: [field, ...rest], shape: rest.length ? 'text' : shapeOf(properties[field]) } : undefined;
  });
}

const propertiesOf = (kind: Exclude<CsvKind, 'calendar'>): Record<string, SchemaProperty> => definitions[kind === 'segments' ? 'segment' : 'template']?.properties ?? {};

/** The fields a column can give in a CSV of this kind: the names `inputs[].columns` may map a header to. */
export function columnFields(kind: CsvKind): string[] {
  return Object.keys(kind === 'calendar' ? CALENDAR_HEADERS : propertiesOf(kind));
}

/**
 * Whether a key of `inputs[].columns` names a field, as the reading above takes it: a calendar field as written; a
 * segment's or template's by the part before the first dot, ignoring case, spaces, `_` and `-`.
 */
export function namesColumnField(kind: CsvKind, key: string): boolean {
  if (kind === 'calendar') return Object.hasOwn(CALENDAR_HEADERS, key);
  const head = normalizeHeader(key.split('.')[0] ?? '');
  return columnFields(kind).some((field) => normalizeHeader(field) === head);
}

/**
 * A calendar field the header lacks, as the message names it: the headers cxlint knows it by, or, for a field
 * `inputs[].columns` maps, the header mapped, which this file does not have (with the nearest it has: Excel writes
 * `Date d’envoi` for `Date d'envoi`).
 */
function missingColumnText(field: string, mapped: string | undefined, headers: string[]): string {
  if (mapped === undefined) return `${field} (${CALENDAR_HEADERS[field]?.join(', ')})`;
  const near = didYouMean(mapped, headers);
  return `${field} (mapped to "${mapped}", which this file's header does not have${near ? `; did you mean "${near}"?` : ''})`;
}

export function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/[\r\n]|$/));
  const counts = [',', ';', '\t'].map((candidate) => [candidate, header.split(candidate).length] as const);
  return counts.reduce((best, current) => (current[1] > best[1] ? current : best))[0];
}

/** Start offsets of the fields of one raw record (csv-parse gives values, not where they stand). */
function fieldOffsets(raw: string, delimiter: string, count: number): number[] {
  const offsets: number[] = [];
  let cursor = 0;
  for (let field = 0; field < count; field += 1) {
    offsets.push(cursor);
    if (raw[cursor] === '"') {
      cursor += 1;
      while (cursor < raw.length && !(raw[cursor] === '"' && raw[cursor + 1] !== '"')) cursor += raw[cursor] === '"' ? 2 : 1;
      cursor += 1;
    }
    const next = raw.indexOf(delimiter, cursor);
    cursor = next === -1 ? raw.length : next + delimiter.length;
  }
  return offsets;
}

/** Where the last field of a record's text up to some character starts (the field that character is in). */
function lastFieldStart(raw: string, delimiter: string): number {
  const starts = fieldOffsets(raw, delimiter, raw.split(delimiter).length);
  return starts.filter((offset) => offset < raw.length).at(-1) ?? 0;
}

interface RawRecord {
  fields: string[];
  raw: string;
  start: number;
}

/**
 * Turns UTF-8 byte offsets (what csv-parse counts) into offsets in `text` and back, walking forward only: callers ask
 * for ever later positions, so the whole file costs one pass.
 */
function offsetWalker(text: string): { charAt: (byte: number) => number; byteAt: (char: number) => number } {
  let chars = 0;
  let bytes = 0;
  const step = (): void => {
    const code = text.codePointAt(chars) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    chars += code < 0x10000 ? 1 : 2;
  };
  return {
    charAt: (byte) => {
      while (bytes < byte && chars < text.length) step();
      return chars;
    },
    byteAt: (char) => {
      while (chars < char && chars < text.length) step();
      return bytes;
    },
  };
}

/**
 * Every line end, not only the one csv-parse would detect on the first line (a file edited on two systems mixes them);
 * a lone CR is Excel's "CSV (Macintosh)". CRLF comes first, so that it is one line end rather than a CR and an empty line.
 */
const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

/** What each quote error of csv-parse means to someone fixing the file (its own messages quote the file's text). */
const QUOTE_ERRORS: Partial<Record<string, string>> = {
  CSV_INVALID_CLOSING_QUOTE: 'stray quote: a quoted field must end with a quote followed by the delimiter or the end of the row (write a quote inside it as "")',
  INVALID_OPENING_QUOTE: 'stray quote in an unquoted field: put the whole field in quotes and write each quote in it as ""',
};
const UNCLOSED_QUOTE = 'unclosed quote: this row opens a quoted field that never ends';

/** The first character of the record after `offset`, past the line ends of blank lines that csv-parse skips. */
function recordStart(text: string, offset: number): number {
  while (text[offset] === '\r' || text[offset] === '\n') offset += 1;
  return offset;
}

/**
 * Reads every record of `text`, each with its own text and start offset. A record that csv-parse cannot read (a stray
 * quote) is reported from the start of the cell that holds the quote to the quote, and reading resumes on the next
 * line, so that one bad row hides no other. An unclosed quote swallows the rest of the file: it is reported at its
 * record and ends the reading, as does a header that cannot be read (rows mean nothing without it).
 */
function readRecords(text: string, delimiter: string, report: (message: string, offset: number, length: number) => void): RawRecord[] {
  // One UTF-8 copy of the text: each resumption parses a view of it, never a new copy of the rest of the file.
  const bytes = Buffer.from(text);
  const offsets = offsetWalker(text);
  const records: RawRecord[] = [];
  let resumeAt = 0;
  // Each record's text is taken from `text`, up to where the next begins (csv-parse's own `raw` loses the LF of CRLF).
  let consumed = text.startsWith('\uFEFF') ? 1 : 0;
  while (resumeAt < text.length) {
    const fromByte = offsets.byteAt(resumeAt);
    const error = parseRecords(bytes.subarray(fromByte), delimiter, { bom: resumeAt === 0, raw: false }, (fields, context) => {
      const start = recordStart(text, consumed);
      consumed = Math.max(start, offsets.charAt(fromByte + context.bytes));
      records.push({ fields, raw: text.slice(start, consumed), start });
    });
    if (!error) return records;
    const start = recordStart(text, consumed);
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      report(UNCLOSED_QUOTE, start, 0);
      return records;
    }
    // csv-parse's `raw` is the record up to the character that broke it, after the line ends of blank lines before it.
    // Keeping it costs every record a copy, so only the record that broke is read again, with it.
    const broken = parseRecords(bytes.subarray(offsets.byteAt(start)), delimiter, { bom: false, raw: true }, () => undefined) ?? error;
    const raw = typeof broken.raw === 'string' ? broken.raw.replace(/^[\r\n]+/, '') : '';
    const end = start + raw.length;
    // At the cell that holds the bad quote, from its start to the character that broke it.
    const cell = start + lastFieldStart(raw, delimiter);
    report(QUOTE_ERRORS[error.code] ?? `unreadable CSV row (${error.code})`, cell, end - cell);
    if (records.length === 0) return records; // the header
    resumeAt = nextLineStart(text, Math.max(start, end - 1));
    consumed = resumeAt;
  }
  return records;
}

/** Parses CSV bytes record by record; a record csv-parse cannot read ends the parse, and its error is returned. */
function parseRecords(bytes: Buffer, delimiter: string, { bom, raw }: { bom: boolean; raw: boolean }, onRecord: (fields: string[], context: InfoRecord) => void): CsvError | undefined {
  try {
    parse(bytes, {
      delimiter,
      bom,
      raw,
      record_delimiter: RECORD_DELIMITERS,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[] | { record: string[] }, context: InfoRecord) => {
        onRecord(Array.isArray(record) ? record : record.record, context);
        return null;
      },
    } as never);
    return undefined;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return error;
  }
}

/** One cell of a table (a CSV record's field, a sheet's cell): its text and where it stands. */
export interface TableCell {
  readonly text: string;
  readonly location: Location;
}

export interface TableRow {
  readonly cells: TableCell[];
  readonly location: Location;
}

/**
 * A CSV cell or record, located when asked: a calendar of 150,000 rows would otherwise hold 750,000 Locations that
 * hardly any finding reads.
 */
class Located {
  constructor(
    private readonly offset: number,
    private readonly length: number,
    private readonly locationAt: (offset: number, length: number) => Location,
  ) {}

  get location(): Location {
    return this.locationAt(this.offset, this.length);
  }
}

class CsvCell extends Located implements TableCell {
  constructor(
    readonly text: string,
    offset: number,
    length: number,
    locationAt: (offset: number, length: number) => Location,
  ) {
    super(offset, length, locationAt);
  }
}

class CsvRow extends Located implements TableRow {
  constructor(
    readonly cells: CsvCell[],
    offset: number,
    length: number,
    locationAt: (offset: number, length: number) => Location,
  ) {
    super(offset, length, locationAt);
  }
}

/**
 * The positions of a table's items: each row's (`/calendar/3`) and each of its mapped cells' (`/calendar/3/date`)
 * made from the rows when asked, as locate() asks for them; anything set afterwards is kept as in any PositionMap.
 */
class TablePositions extends Map<string, NodePosition> {
  constructor(
    /** `/calendar`: the section the rows are items of. */
    private readonly section: string,
    /** The rows of the items, in item order. */
    private readonly rows: TableRow[],
    /** The column of each field, by the pointer below an item (`/date`, `/content/en-US/subject`). */
    private readonly fields: Map<string, number>,
  ) {
    super();
  }

  override get(pointer: string): NodePosition | undefined {
    const own = super.get(pointer);
    if (own !== undefined || !pointer.startsWith(`${this.section}/`)) return own;
    const rest = pointer.slice(this.section.length + 1);
    const slash = rest.indexOf('/');
    const index = slash < 0 ? rest : rest.slice(0, slash);
    const row = /^\d+$/.test(index) ? this.rows[Number(index)] : undefined;
    if (!row) return undefined;
    if (slash < 0) return { value: row.location };
    const column = this.fields.get(rest.slice(slash));
    const cell = column === undefined ? undefined : row.cells[column];
    // An empty cell gives the item no field, and no position.
    return cell && cell.text.trim() !== '' ? { value: cell.location } : undefined;
  }

  override has(pointer: string): boolean {
    return this.get(pointer) !== undefined;
  }

  override *entries(): MapIterator<[string, NodePosition]> {
    yield* super.entries();
    for (let index = 0; index < this.rows.length; index += 1) {
      const item = pointerTo(this.section, index);
      for (const pointer of [item, ...[...this.fields.keys()].map((field) => item + field)]) {
        const position = super.has(pointer) ? undefined : this.get(pointer);
        if (position) yield [pointer, position];
      }
    }
  }

  override [Symbol.iterator](): MapIterator<[string, NodePosition]> {
    return this.entries();
  }
}

/** Reads CSV text (SPEC 3.3) into one fragment whose rows keep the line and column of every cell. */
export function readCsv(file: string, text: string, options: CsvOptions): CsvResult {
  const problems: Problem[] = [];
  const starts = lineStarts(text);
  const locationAt = (offset: number, length = 0): Location => {
    const from = positionAt(starts, offset);
    const to = positionAt(starts, offset + length);
    return { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };
  const report = (message: string, location: Location): void => {
    problems.push({ rule: 'invalid-input', message, location, ids: [message] });
  };

  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records = readRecords(text, delimiter, (message, offset, length) => report(message, locationAt(offset, length)));
  const tableRow = (record: RawRecord): TableRow => {
    const offsets = fieldOffsets(record.raw, delimiter, record.fields.length);
    const cells = record.fields.map((field, index) => {
      const start = offsets[index] ?? 0;
      const end = index + 1 < offsets.length ? (offsets[index + 1] ?? 0) - delimiter.length : record.raw.trimEnd().length;
      return new CsvCell(field, record.start + start, end - start, locationAt);
    });
    return new CsvRow(cells, record.start, record.raw.trimEnd().length, locationAt);
  };
  const [header, ...rest] = records;
  if (!header) return { problems };
  const rows: TableRow[] = [];
  for (const record of rest) {
    if (record.fields.every((field) => field.trim() === '')) continue;
    if (record.fields.length !== header.fields.length) {
      report(`this row has ${record.fields.length} fields but the header has ${header.fields.length}`, locationAt(record.start, record.raw.trimEnd().length));
      continue;
    }
    rows.push(tableRow(record));
  }
  const table = readTable(file, tableRow(header), rows, options);
  return { ...table, problems: [...problems, ...table.problems] };
}

/**
 * A table's header and rows (SPEC 3.3) into one fragment whose items keep the location of every cell: a CSV file's,
 * or a workbook sheet's.
 */
export function readTable(file: string, header: TableRow, rows: TableRow[], options: CsvOptions): CsvResult {
  const problems: Problem[] = [];
  const report = (message: string, location: Location): void => {
    problems.push({ rule: 'invalid-input', message, location, ids: [message] });
  };
  const headers = header.cells.map((cell) => cell.text);
  const targets = columnTargets(options.kind, headers, options.columns ?? {});
  const seen = new Map<string, number>();
  targets.forEach((target, index) => {
    if (!target) return;
    const key = target.path.join('.');
    const previous = seen.get(key);
    if (previous !== undefined) {
      const location = header.cells[index]!.location;
      report(`two columns give "${key}": "${headers[previous]}" and "${headers[index]}"; keep one, or map one with inputs[].columns`, location);
      targets[index] = undefined;
    } else seen.set(key, index);
  });
  if (options.kind === 'calendar') {
    const missing = REQUIRED_CALENDAR_FIELDS.filter((field) => !seen.has(field));
    if (missing.length) {
      const names = missing.map((field) => missingColumnText(field, options.columns?.[field], headers)).join('; ');
      const format = options.missingColumnsHint?.();
      const hint = format ? `; ${format}` : '';
      report(`no column for ${names}: rename the header or map it with inputs[].columns${hint}`, header.location);
      return { problems, ...(seen.size === 0 ? { noCalendarColumns: true } : {}) };
    }
  }

  const section = options.kind;
  const start = header.location;
  const itemRows = rows.filter((row) => row.cells.some((cell) => cell.text.trim() !== ''));
  const fields = new Map<string, number>();
  targets.forEach((target, index) => {
    if (target) fields.set(target.path.reduce<string>((pointer, part) => pointerTo(pointer, part), ''), index);
  });
  const positions = new TablePositions(`/${section}`, itemRows, fields);
  positions.set(`/${section}`, { value: { ...start, endLine: start.line, endColumn: start.column } });
  const items = itemRows.map((row) => rowToItem(row, targets));
  const reading: CsvReading = {};
  if (options.dateFormat) reading.dateFormat = options.dateFormat;
  if (options.timezone) reading.timezone = options.timezone;
  const value = Object.assign(Object.create(null), { [section]: items });
  return { fragment: { file, format: `csv-${section}`, value, positions, csv: reading }, problems };
}

function cellValue(text: string, shape: ColumnTarget['shape']): unknown {
  if (shape === 'list') return text.split(/[;|]/).map((part) => part.trim()).filter(Boolean);
  if (shape === 'boolean' && /^(true|yes|y|1)$/i.test(text)) return true;
  if (shape === 'boolean' && /^(false|no|n|0)$/i.test(text)) return false;
  return text;
}

function rowToItem(row: TableRow, targets: Array<ColumnTarget | undefined>): Record<string, unknown> {
  const item: Record<string, unknown> = Object.create(null);
  row.cells.forEach((cell, index) => {
    const target = targets[index];
    const text = cell.text.trim();
    if (!target || text === '') return;
    let parent = item;
    for (const part of target.path.slice(0, -1)) parent = (parent[part] ??= Object.create(null)) as Record<string, unknown>;
    parent[target.path[target.path.length - 1] as string] = cellValue(text, target.shape);
  });
  return item;
}
