import { DateTime } from 'luxon';
import { detectDelimiter, normalizeHeader, readCsv, requiredCalendarFields } from '../csv.js';
import type { Fragment, NodePosition, PositionMap } from '../fragment.js';
import { pointerTo } from '../fragment.js';
import { MAX_CSV_BYTES } from '../limits.js';
import type { Location } from '../../findings/finding.js';
import type { Adapter, AdapterInput, AdapterOutput } from './types.js';

/**
 * Campaign reports of Mailchimp and Klaviyo (ADAPTERS.md §4): past sends, one a row. cxlint's own header aliases
 * misread them (Klaviyo's `Send Time` is a whole date-time, cxlint's `time` alias; neither has a template column), so
 * each report's columns are mapped here, and every row's campaign title stands for its template.
 */
interface Report {
  name: 'mailchimp' | 'klaviyo';
  /** The tool, as messages name it. */
  tool: string;
  /** The header rows the tool writes, exactly (ADAPTERS.md §4): the sure sign. */
  headers: string[][];
  /** Field → header, as `inputs[].columns` would say it; a header of `alternatives` may stand for one. */
  columns: Record<string, string>;
  alternatives?: Record<string, string[]>;
  /** The channel of every row, when the report has no column for it. */
  channel?: string;
  /** Luxon formats of the send date other than ISO, tried in order. */
  dateFormats: string[];
  /** How a cell of the segment column lists several lists. */
  listSeparator?: RegExp;
  /** The header of the column of each campaign's tags, which `inputs[].intents` maps to intents. */
  tagsColumn?: string;
  /** The A/B form's headers of each row's variant and of whether it won, when the report has one (ADAPTERS.md §4). */
  variantColumns?: { variant: string; winner: string };
}

/** The all-campaigns export (40 columns), its 20-column variant, and both with `Audience` for `List`. */
function mailchimpHeaders(): string[][] {
  const full = ['Title', 'Subject', 'List', 'Send Date', 'Send Weekday', 'Total Recipients', 'Successful Deliveries', 'Soft Bounces', 'Hard Bounces', 'Total Bounces', 'Times Forwarded', 'Forwarded Opens', 'Unique Opens', 'Open Rate', 'Total Opens', 'Unique Clicks', 'Click Rate', 'Total Clicks', 'Unsubscribes', 'Abuse Complaints', 'Times Liked on Facebook', 'Folder Id', 'Unique Id', 'Total Orders', 'Total Gross Sales', 'Total Revenue', 'Analytics ROI', 'Campaign Cost', 'Revenue Created', 'Visits', 'New Visits', 'Pages/Visit', 'Bounce Rate', 'Time on Site', 'Goal Conversion Rate', 'Per Visit Goal Value', 'Transactions', 'Ecommerce Conversion Rate', 'Per Visit Value', 'Average Value'];
  const short = full.slice(0, full.indexOf('Abuse Complaints') + 1);
  return [full, short].flatMap((header) => [header, header.map((name) => (name === 'List' ? 'Audience' : name))]);
}

/** The campaigns export (24 columns), and its A/B form with `Variant Name` and `Winning Variant?`. */
function klaviyoHeaders(): string[][] {
  const plain = ['Campaign Name', 'Tags', 'Subject', 'List', 'Send Time', 'Send Weekday', 'Total Recipients', 'Unique Placed Order', 'Placed Order Rate', 'Revenue', 'Unique Opens', 'Open Rate', 'Total Opens', 'Unique Clicks', 'Click Rate', 'Total Clicks', 'Unsubscribes', 'Spam Complaints', 'Spam Complaints Rate', 'Successful Deliveries', 'Bounces', 'Bounce Rate', 'Campaign ID', 'Campaign Channel'];
  return [plain, ['Campaign Name', 'Variant Name', ...plain.slice(1), 'Winning Variant?']];
}

const MAILCHIMP: Report = {
  name: 'mailchimp',
  tool: 'Mailchimp',
  headers: mailchimpHeaders(),
  columns: { id: 'Unique Id', date: 'Send Date', segment: 'List', template: 'Title' },
  // One script reads `Audience`, Mailchimp's newer word for a list.
  alternatives: { segment: ['Audience'] },
  channel: 'email',
  // As exported (Jun 09, 2018 09:30 pm), and as a spreadsheet re-saves it (6/9/2018 21:30).
  dateFormats: ['LLL dd, yyyy hh:mm a', 'M/d/yyyy H:mm'],
};

const KLAVIYO: Report = {
  name: 'klaviyo',
  tool: 'Klaviyo',
  headers: klaviyoHeaders(),
  columns: { id: 'Campaign ID', date: 'Send Time', segment: 'List', template: 'Campaign Name', channel: 'Campaign Channel' },
  dateFormats: [],
  // Several lists, quoted, separated by ", ".
  listSeparator: /,\s+/,
  // The export's only hint of what a campaign is for (`Leasing, Promo`): intents come from the config's map of tags.
  tagsColumn: 'Tags',
  variantColumns: { variant: 'Variant Name', winner: 'Winning Variant?' },
};

const REPORTS = [MAILCHIMP, KLAVIYO];

/** The fields the reader maps that are no field of a send: the template's intent, and which rows are sends. */
const REPORT_ONLY_FIELDS = new Set(['/tags', '/variant', '/winner']);

/** A tags cell's tags (`Leasing, Promo`: `, `-separated, as Klaviyo writes them). */
const tagsIn = (cell: string): string[] =>
  cell
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/** `inputs[].intents` by tag: tags are labels people type, compared without case. */
const intentsByTag = (intents: Record<string, string> | undefined): Map<string, string> => new Map(Object.entries(intents ?? {}).map(([tag, intent]) => [tag.toLowerCase(), intent]));

/** The intents a row's tags are mapped to, each once, in the order of its tags, with the tag that gave it. */
function intentsOfTags(cell: string | undefined, byTag: Map<string, string>): Array<{ tag: string; intent: string }> {
  if (cell === undefined || byTag.size === 0) return [];
  const found: Array<{ tag: string; intent: string }> = [];
  for (const tag of tagsIn(cell)) {
    const intent = byTag.get(tag.toLowerCase());
    if (intent !== undefined && !found.some((earlier) => earlier.intent === intent)) found.push({ tag, intent });
  }
  return found;
}

/** The header row's text (a byte-order mark is no part of it). */
const headerLine = (text: string): string => text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';

/** The header row's cells (the report's own quoting is plain: no delimiter or line break inside a header). */
function headerCells(text: string): string[] {
  const line = headerLine(text);
  const delimiter = detectDelimiter(line);
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

/** Field → the header the report reads it from in this file: its own, or an alternative the header holds instead. */
function reportColumns(report: Report, headers: string[]): Record<string, string> {
  const columns: Record<string, string> = { ...report.columns, ...(report.tagsColumn ? { tags: report.tagsColumn } : {}), ...report.variantColumns };
  for (const [field, names] of Object.entries(report.alternatives ?? {})) {
    const present = names.find((name) => headers.includes(name));
    if (present && !headers.includes(columns[field]!)) columns[field] = present;
  }
  return columns;
}

/** The fields a send needs whose column the header lacks (compared as cxlint's CSV reader compares headers). */
function missingFields(columns: Record<string, string>, headers: string[]): string[] {
  const present = new Set(headers.map(normalizeHeader));
  return requiredCalendarFields().filter((field) => !present.has(normalizeHeader(columns[field]!)));
}

/**
 * The fix when a header lacks the columns its reader needs but holds all those a report's reader needs: that format.
 * Only a hint: the header is still no sure sign (SPEC 3.5), so the file is not read as that report.
 */
function formatHint(headers: string[], besides?: Report): string | undefined {
  for (const report of REPORTS.filter((candidate) => candidate !== besides)) {
    const columns = reportColumns(report, headers);
    if (missingFields(columns, headers).length === 0) return `the header holds a ${report.tool} report's columns (${requiredCalendarFields().map((field) => columns[field]).join(', ')}): set inputs[].format: ${report.name}`;
  }
  return undefined;
}

/** For cxlint's CSV reader, whose message of missing columns adds it: the report format that would read this header. */
export const reportFormatHint = (text: string): string | undefined => formatHint(headerCells(text));

/**
 * Why a report named by `inputs[].format` is not read: its header lacks columns a send needs, named in the report's
 * terms. cxlint's own aliases are no fallback: they find other tools' columns (Mailchimp's `Send Date`), misread here.
 */
function missingColumnsMessage(report: Report, headers: string[], columns: Record<string, string>, missing: string[]): string {
  const names = missing.map((field) => `${field} (${columns[field]})`).join('; ');
  return `no ${report.tool} column for ${names}: ${formatHint(headers, report) ?? 'rename the header or map it with inputs[].columns'}`;
}

/** The header row, where cxlint's CSV reader reports its missing columns too. */
function headerLocation(file: string, text: string): Location {
  return { file, line: 1, column: 1, endLine: 1, endColumn: headerLine(text).trimEnd().length + 1 };
}

/** Whether a `Winning Variant?` cell says yes, read as a CSV's yes/no cell: no real export's spelling is recorded. */
const won = (row: Record<string, string>): boolean => /^(true|yes|y|1)$/i.test(row.winner ?? '');

/**
 * The rows of an A/B export that are no send of their own (ADAPTERS.md §4 [KL2]): each recipient gets one variant of a
 * campaign, so its variants are one send, the row of its winning variant, else its first. What only the other variants'
 * rows say is not read: their send time (a send-time test sends each variant at its own), lists and tags. A variant's
 * second row is a repeat, as in a plain export, and stays a send (a duplicate-id).
 */
function otherVariants(rows: Array<Record<string, string>>): Set<number> {
  const chosen = new Map<string, Record<string, string>>();
  for (const row of rows) {
    if (row.id === undefined || row.variant === undefined) continue;
    const current = chosen.get(row.id);
    if (!current || (won(row) && !won(current))) chosen.set(row.id, row);
  }
  const seen = new Set<string>();
  const others = new Set<number>();
  rows.forEach((row, index) => {
    if (row.id === undefined || row.variant === undefined) return;
    const variant = JSON.stringify([row.id, row.variant]);
    if (row.variant !== chosen.get(row.id)!.variant && !seen.has(variant)) others.add(index);
    seen.add(variant);
  });
  return others;
}

/** An id made of a title (ids hold no spaces): `Spring lease offers` → `spring-lease-offers`. */
export function idOf(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'untitled'
  );
}

function readReport(report: Report, input: AdapterInput): AdapterOutput {
  const text = input.text ?? '';
  const headers = headerCells(text);
  const columns = reportColumns(report, headers);
  const read = { ...columns, ...input.options.columns };
  const missing = missingFields(read, headers);
  if (missing.length) {
    const message = missingColumnsMessage(report, headers, read, missing);
    return { fragments: [], problems: [{ rule: 'invalid-input', message, location: headerLocation(input.file, text), ids: [message] }] };
  }
  const { fragment, problems } = readCsv(input.file, text, { kind: 'calendar', ...input.options, columns: read });
  if (!fragment) return { fragments: [], problems };
  const rows = (fragment.value as { calendar: Array<Record<string, string>> }).calendar;
  const others = otherVariants(rows);
  const byTag = intentsByTag(input.options.intents);
  const templates = new Map<string, { value: Record<string, unknown>; pointer: string }>();
  const templatePositions: PositionMap = new Map();
  const kept: Array<Record<string, string>> = [];
  const positions: PositionMap = new Map();
  // Each row's positions, gathered in one pass (a pass per row was quadratic: minutes for an export of 10,000 rows).
  const rowPositions = new Map<number, Array<[string, NodePosition]>>();
  for (const [pointer, position] of fragment.positions) {
    const row = /^\/calendar\/(\d+)(.*)$/.exec(pointer);
    if (!row) positions.set(pointer, position);
    // The tags give the template its intent, the variant columns pick the rows that are sends: no field of a send.
    else if (!REPORT_ONLY_FIELDS.has(row[2]!)) (rowPositions.get(Number(row[1])) ?? rowPositions.set(Number(row[1]), []).get(Number(row[1]))!).push([row[2]!, position]);
  }
  rows.forEach((row, index) => {
    if (others.has(index)) return;
    const pointer = pointerTo('/calendar', index);
    const at = (field: string) => fragment.positions.get(pointerTo(pointer, field))?.value;
    const tags = row.tags;
    delete row.tags;
    delete row.variant;
    delete row.winner;
    if (row.date !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(row.date)) {
      const date = report.dateFormats.map((format) => DateTime.fromFormat(row.date!, format, { locale: 'en-US', zone: 'UTC' })).find((parsed) => parsed.isValid);
      if (!date) {
        const message = `${columns.date} "${row.date}" is not a ${report.tool} send date (${report.name === 'mailchimp' ? 'Jun 09, 2018 09:30 pm, or 6/9/2018 21:30' : '2025-04-06 11:00:00'})`;
        problems.push({ rule: 'invalid-input', message, location: at('date')!, ids: [message] });
        return;
      }
      row.date = date.toFormat("yyyy-MM-dd'T'HH:mm");
    }
    if (row.segment !== undefined && report.listSeparator) row.segment = row.segment.split(report.listSeparator).join('|');
    if (report.channel && row.channel === undefined) row.channel = report.channel;
    if (row.channel !== undefined) row.channel = row.channel.toLowerCase();
    if (row.template !== undefined) {
      const title = row.template;
      row.template = idOf(title);
      row.campaign ??= row.template;
      if (!templates.has(row.template)) {
        const templatePointer = pointerTo('/templates', templates.size);
        templates.set(row.template, { value: Object.assign(Object.create(null), { id: row.template, name: title, ...(row.channel ? { channel: row.channel } : {}) }), pointer: templatePointer });
        for (const field of ['', '/id', '/name', '/channel']) templatePositions.set(templatePointer + field, { value: at(field === '/channel' ? 'channel' : 'template') ?? at('')! });
      }
      const template = templates.get(row.template)!;
      const tagged = intentsOfTags(tags, byTag);
      if (tagged.length && template.value.intent === undefined) {
        template.value.intent = tagged[0]!.intent;
        templatePositions.set(`${template.pointer}/intent`, { value: at('tags')! });
      }
      const other = tagged.find(({ intent }) => intent !== template.value.intent);
      if (other) {
        const message = `${report.tagsColumn} "${tags}" give campaign "${title}" two intents: ${String(template.value.intent)}, which it is read as, and ${other.intent} (tag ${other.tag}); map only one of its tags in inputs[].intents`;
        problems.push({ rule: 'invalid-input', severity: 'warning', message, location: at('tags')!, ids: [message] });
      }
    }
    const keptPointer = pointerTo('/calendar', kept.length);
    for (const [below, position] of rowPositions.get(index) ?? []) positions.set(keptPointer + below, position);
    if (row.campaign !== undefined && !positions.has(pointerTo(keptPointer, 'campaign'))) positions.set(pointerTo(keptPointer, 'campaign'), { value: at('template')! });
    if (!positions.has(pointerTo(keptPointer, 'channel'))) positions.set(pointerTo(keptPointer, 'channel'), { value: at('')! });
    kept.push(row);
  });
  const calendar: Fragment = { ...fragment, value: Object.assign(Object.create(null), { calendar: kept }), positions };
  const implied: Fragment = {
    file: input.file,
    format: 'plan',
    value: Object.assign(Object.create(null), { templates: [...templates.values()].map((template) => template.value) }),
    positions: new Map([['', { value: positions.get('/calendar')!.value }], ['/templates', { value: positions.get('/calendar')!.value }], ...templatePositions]),
    impliedTemplates: true,
  };
  return { fragments: [calendar, implied], problems };
}

function reportAdapter(report: Report): Adapter {
  return {
    name: report.name,
    handles: (file) => /\.csv$/i.test(file),
    sureSign: (text) => {
      const cells = headerCells(text);
      return report.headers.some((header) => header.length === cells.length && header.every((name, index) => name === cells[index]));
    },
    maxBytes: MAX_CSV_BYTES,
    read: (input) => readReport(report, input),
  };
}

export const mailchimpAdapter = reportAdapter(MAILCHIMP);
export const klaviyoAdapter = reportAdapter(KLAVIYO);
