import type { ErrorObject } from 'ajv';
import type { Location, Problem } from '../findings/finding.js';
import type { Fragment, PositionMap } from '../loaders/fragment.js';
import { locate, pointerTo } from '../loaders/fragment.js';
import type { CalendarSend, PlanFragment } from '../generated/plan-types.js';
import type { CSVCalendarRow } from '../generated/csvRow-types.js';
import * as validators from '../generated/validators.js';
import type { Validator } from '../generated/validators.js';
import { parseExportDate, readTimeOfDay, withTime } from '../time/dates.js';
import { messageFor, withoutBranchErrors } from './messages.js';
import { PLAN_SECTIONS } from '../loaders/index.js';

/** A fragment whose shape matches the plan schema, except for the items listed as invalid. */
export interface ValidFragment {
  file: string;
  plan: PlanFragment;
  positions: PositionMap;
  /** Pointers of items (`/calendar/3`) that broke the schema: the model only registers their ids. */
  invalidItems: Set<string>;
  /**
   * Pointers of CSV rows with a problem reported here (a date or time that cannot be read, a cell missing): the model
   * checks their other cells, so that one run shows every problem of a row (SPEC 8), and places none of them.
   */
  unplacedItems?: Set<string>;
  /** Read from a CSV export or another tool's export, whose segment cells may name segments by display name (SPEC 4.1). */
  fromCsv: boolean;
  /** Its templates give way to a plan's template of the same id (`Fragment.impliedTemplates`). */
  impliedTemplates?: boolean;
}

export interface ValidationResult {
  fragment: ValidFragment;
  problems: Problem[];
}

/** An export names segments by display name, spaces and all (SPEC 4.1): the model resolves them, so the id pattern does not apply. */
const segmentName = (error: ErrorObject): boolean => error.keyword === 'pattern' && /^\/calendar\/\d+\/segments?(\/\d+)?$/.test(error.instancePath);

/** `/calendar/3/date` → `/calendar/3`: the item an error belongs to. */
function itemOf(pointer: string): string | undefined {
  const match = /^\/[^/]+\/\d+/.exec(pointer);
  return match?.[0];
}

function schemaProblems(
  validate: Validator,
  value: unknown,
  base: string,
  positions: PositionMap,
  file: string,
  allowed: (error: ErrorObject) => boolean = () => false,
): { problems: Problem[]; invalid: Set<string> } {
  const problems: Problem[] = [];
  const invalid = new Set<string>();
  if (validate(value)) return { problems, invalid };
  for (const error of withoutBranchErrors(validate.errors ?? [])) {
    if (allowed(error)) continue;
    let pointer = base + error.instancePath;
    let part: 'key' | 'value' = 'value';
    if (error.keyword === 'additionalProperties') {
      pointer = pointerTo(pointer, String((error.params as { additionalProperty: string }).additionalProperty));
      part = 'key';
    }
    const location: Location = locate(positions, pointer, part) ?? { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const message = messageFor({ ...error, instancePath: base + error.instancePath });
    problems.push({ rule: 'invalid-input', message, location, ids: [pointer, message] });
    const item = itemOf(base + error.instancePath) ?? itemOf(pointer);
    if (item) invalid.add(item);
  }
  return { problems, invalid };
}

function emptyObject<T>(): T {
  return Object.create(null) as T;
}

/**
 * A CSV calendar row as a plan's calendar send: the export's date form read, segment lists split. A row that lacks a
 * cell (reported by the schema), or whose date or time cannot be read (reported here), is `unplaced`: the send keeps
 * what the row holds (an unread date as its text), the model checks it and places it nowhere.
 */
function sendFromRow(row: Partial<CSVCalendarRow>, fragment: Fragment, pointer: string, problems: Problem[]): { send: CalendarSend; unplaced: boolean } {
  const at = (field: string): Location => locate(fragment.positions, pointerTo(pointer, field)) as Location;
  let parsed = row.date === undefined ? undefined : parseExportDate(row.date, fragment.csv?.dateFormat);
  if (parsed && 'date' in parsed && row.time) parsed = withTime(parsed.date, row.time);
  // Without a date (the schema said so), the time is still read: one run tells both.
  const time = row.date === undefined && row.time ? readTimeOfDay(row.time) : undefined;
  if (time && 'error' in time) problems.push({ rule: 'invalid-input', message: time.error, location: at('time') });
  if (parsed && 'error' in parsed) problems.push({ rule: 'invalid-input', message: parsed.error, location: at(row.time && !parsed.error.includes(row.date!) ? 'time' : 'date') });
  // A plain object, not one without a prototype (a dictionary of its own, ~4 times the size, for each of 150,000 rows):
  // its keys are the fixed field names below, never a key from the file.
  const send: CalendarSend = { date: parsed && 'date' in parsed ? parsed.date.local + (parsed.date.offset ?? '') : (row.date ?? ''), template: row.template ?? '' };
  const segments = (row.segment ?? '').split(/[;|]/).map((id) => id.trim()).filter(Boolean);
  if (segments.length === 1) send.segment = segments[0];
  else if (segments.length > 1) send.segments = segments;
  const timezone = row.timezone ?? fragment.csv?.timezone;
  if (timezone) send.timezone = timezone;
  for (const field of ['id', 'channel', 'campaign', 'owner', 'repeat'] as const) {
    if (row[field] !== undefined) send[field] = row[field];
  }
  if (segments.length > 1) {
    fragment.positions.set(pointerTo(pointer, 'segments'), { value: at('segment') });
    segments.forEach((_, index) => fragment.positions.set(pointerTo(pointerTo(pointer, 'segments'), index), { value: at('segment') }));
  }
  const complete = row.date !== undefined && row.segment !== undefined && row.template !== undefined;
  return { send, unplaced: !complete || (parsed !== undefined && 'error' in parsed) };
}

function validateCsv(fragment: Fragment): ValidationResult {
  const section = fragment.format === 'csv-segments' ? 'segments' : fragment.format === 'csv-templates' ? 'templates' : 'calendar';
  const validate = section === 'segments' ? validators.segment : section === 'templates' ? validators.template : validators.csvRow;
  const rows = ((fragment.value as Record<string, unknown[]>)[section] ?? []) as unknown[];
  const problems: Problem[] = [];
  const invalidItems = new Set<string>();
  const unplacedItems = new Set<string>();
  const items: unknown[] = [];
  rows.forEach((row, index) => {
    const pointer = pointerTo(`/${section}`, index);
    const result = schemaProblems(validate, row, pointer, fragment.positions, fragment.file);
    problems.push(...result.problems);
    if (section !== 'calendar') {
      if (result.problems.length > 0) invalidItems.add(pointer);
      return items.push(row);
    }
    // Every cell is text and every column a field: a calendar row breaks the schema only by lacking a cell.
    const { send, unplaced } = sendFromRow(row as Partial<CSVCalendarRow>, fragment, pointer, problems);
    if (unplaced || result.problems.length > 0) unplacedItems.add(pointer);
    items.push(send);
  });
  const plan = Object.assign(emptyObject<PlanFragment>(), { [section]: items });
  return { fragment: { file: fragment.file, plan, positions: fragment.positions, invalidItems, unplacedItems, fromCsv: true }, problems };
}

/** Checks a fragment against the JSON Schemas in `schemas/`, turning each violation into an `invalid-input` problem at its node. */
export function validateFragment(fragment: Fragment): ValidationResult {
  if (fragment.format !== 'plan') return validateCsv(fragment);
  const value = fragment.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const location = locate(fragment.positions, '') as Location;
    const message = 'a plan file must be a mapping with segments, templates, journeys or calendar';
    return { fragment: { file: fragment.file, plan: emptyObject(), positions: fragment.positions, invalidItems: new Set(), fromCsv: false }, problems: [{ rule: 'invalid-input', message, location }] };
  }
  const { problems, invalid } = schemaProblems(validators.plan, value, '', fragment.positions, fragment.file, fragment.fromExport ? segmentName : undefined);
  const plan = keepValidSections(value as Record<string, unknown>);
  const valid: ValidFragment = { file: fragment.file, plan, positions: fragment.positions, invalidItems: invalid, fromCsv: fragment.fromExport === true };
  if (fragment.impliedTemplates) valid.impliedTemplates = true;
  return { fragment: valid, problems };
}

/** The model sees only the known sections that are lists: a malformed section (`calendar: 5`) was reported above. */
function keepValidSections(value: Record<string, unknown>): PlanFragment {
  const plan = emptyObject<Record<string, unknown>>();
  for (const key of PLAN_SECTIONS) if (Array.isArray(value[key])) plan[key] = value[key];
  return plan as PlanFragment;
}
