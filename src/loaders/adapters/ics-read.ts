import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import type { Location, Problem } from '../../findings/finding.js';
import { fileStart } from '../../findings/finding.js';
import type { Fragment, PositionMap } from '../fragment.js';
import { pointerTo } from '../fragment.js';
import type { AdapterInput, AdapterOutput } from './types.js';
import type { ContentLine, Scan, ScannedEvent } from './ics-lines.js';
import { locationIn, scanCalendar } from './ics-lines.js';

/** The fields an event gives a calendar send, each from a property the config maps or the default sources below. */
const FIELDS = ['segment', 'template', 'channel', 'campaign', 'owner'] as const;
export type Field = (typeof FIELDS)[number];

/** A value found for a field, and where it stands. */
interface Found {
  values: string[];
  location: Location;
}

/** A date as the plan writes it, and the zone it is read in when it has no offset. */
interface EventDate {
  date: string;
  timezone?: string;
}

const HOW_TO_ZONE = 'set inputs[].timezone for this file in cxlint.config.yaml (e.g. timezone: Europe/Paris), or give the event an IANA TZID';

/**
 * `columns` of an .ics mapping: field → `PROPERTY` or `PROPERTY /pattern/`, whose first group (or whole match) is the
 * value (docs/adapters.md). A property that holds a list (CATEGORIES) gives each item that matches.
 */
interface Source {
  property: string;
  pattern?: RegExp;
}

function sourceOf(spec: string): Source | string {
  const match = /^\s*([A-Za-z0-9-]+)\s*(?:\/(.*)\/([imsu]*))?\s*$/.exec(spec);
  if (!match) return `"${spec}" is not PROPERTY or PROPERTY /pattern/ (such as CATEGORIES or SUMMARY /\\((\\w+)\\)$/)`;
  try {
    return { property: match[1]!.toUpperCase(), pattern: match[2] === undefined ? undefined : new RegExp(match[2], match[3]) };
  } catch (error) {
    return `"${spec}": ${(error as Error).message}`;
  }
}

/** One VEVENT with its properties as ical.js reads them (text unescaped, lists split), each beside its scanned line. */
interface Event {
  scanned: ScannedEvent;
  properties: Array<{ line: ContentLine; property: ICAL.Property }>;
}

class IcsReader {
  readonly problems: Problem[] = [];
  readonly items: unknown[] = [];
  readonly positions: PositionMap = new Map();
  private readonly sources = new Map<Field, Source>();

  constructor(
    private readonly input: AdapterInput,
    private readonly zones: Map<string, ContentLine[]>,
    private readonly vtimezones: Map<string, ICAL.Timezone>,
    private readonly floatingZone: string | undefined,
  ) {
    for (const [field, spec] of Object.entries(input.options.columns ?? {})) {
      const source = sourceOf(spec);
      if (typeof source === 'string') this.report(`inputs[].columns.${field}: ${source}`, fileStart(input.file));
      else this.sources.set(field as Field, source);
    }
  }

  report(message: string, location: Location): void {
    this.problems.push({ rule: 'invalid-input', message, location, ids: [message] });
  }

  at(line: ContentLine, offset = 0, length?: number): Location {
    return locationIn(this.input.file, line, offset, length);
  }

  /** Where the value of a property line stands (from its first character to the end of the line). */
  valueAt(line: ContentLine): Location {
    return this.at(line, line.valueOffset);
  }

  private lines(event: Event, name: string): Array<{ line: ContentLine; property: ICAL.Property }> {
    return event.properties.filter(({ line }) => line.name === name);
  }

  /** The values of a property, as text: every item of every line (CATEGORIES may be repeated and hold lists). */
  private texts(event: Event, name: string): Array<{ text: string; line: ContentLine }> {
    return this.lines(event, name).flatMap(({ line, property }) => property.getValues().map((value) => ({ text: String(value).trim(), line })));
  }

  /** Where `text` stands in a line's value (its first occurrence), else the whole value. */
  private spot(line: ContentLine, text: string): Location {
    const index = line.raw.indexOf(text);
    return index < 0 || text === '' ? this.valueAt(line) : this.at(line, line.valueOffset + index, text.length);
  }

  /**
   * A field's value: the property the config maps; else an `X-CXLINT-FIELD` property; else a `field: value` line of the
   * DESCRIPTION (what a marketer types in Google Calendar); else, for the template, a SUMMARY that is one word.
   */
  field(event: Event, field: Field): Found | undefined {
    const source = this.sources.get(field);
    if (source) {
      const found = this.texts(event, source.property).flatMap(({ text, line }) => {
        if (!source.pattern) return [{ value: text, line }];
        const match = source.pattern.exec(text);
        return match ? [{ value: (match[1] ?? match[0]).trim(), line }] : [];
      });
      const first = found[0];
      return first && { values: found.map(({ value }) => value).filter(Boolean), location: this.spot(first.line, first.value) };
    }
    const own = this.texts(event, `X-CXLINT-${field.toUpperCase()}`)[0];
    if (own?.text) return { values: [own.text], location: this.valueAt(own.line) };
    for (const { text, line } of this.texts(event, 'DESCRIPTION')) {
      // Google Calendar keeps the line breaks typed in its editor as <br> in newer exports.
      const match = new RegExp(`^[ \\t]*${field}s?[ \\t]*:[ \\t]*(.+?)[ \\t]*$`, 'im').exec(text.replace(/<br\s*\/?>/gi, '\n'));
      if (match?.[1]) return { values: [match[1]], location: this.spot(line, match[1]) };
    }
    const summary = field === 'template' && !this.sources.has('template') ? this.texts(event, 'SUMMARY')[0] : undefined;
    return summary && /^\S+$/.test(summary.text) ? { values: [summary.text], location: this.valueAt(summary.line) } : undefined;
  }

  /** The zone a TZID names: an IANA name, a Windows name (Outlook), or a VTIMEZONE of the file that says which. */
  private zoneNamed(tzid: string): string | undefined {
    if (IANAZone.isValidZone(tzid)) return tzid;
    const windows = findIana(tzid, '001')[0] ?? findIana(tzid)[0];
    if (windows) return windows;
    const zone = this.zones.get(tzid);
    const location = zone?.find((line) => line.name === 'X-LIC-LOCATION')?.raw.trim();
    if (location && IANAZone.isValidZone(location)) return location;
    // Mozilla's and Citadel's ids end with the IANA name: /mozilla.org/20050126_1/Europe/Paris.
    const parts = tzid.split('/');
    for (let index = 1; index < parts.length - 1; index += 1) {
      const tail = parts.slice(index).join('/');
      if (IANAZone.isValidZone(tail)) return tail;
    }
    return undefined;
  }

  /**
   * A DTSTART, EXDATE or RDATE value as a plan date. A TZID that names no zone cxlint knows is read through the file's
   * VTIMEZONE when it has one (the instant, as UTC: exact for one date, but a repeat would not follow its clock
   * changes), else in `inputs[].timezone`; else it is a problem, never a floating time as ical.js would make it.
   */
  date(line: ContentLine, property: ICAL.Property, repeats: boolean): EventDate | undefined {
    return this.readable(line) ? this.dateOf(line, property, property.getFirstValue() as ICAL.Time, repeats) : undefined;
  }

  /** The dates of an EXDATE or RDATE line (it may list several). */
  dates(line: ContentLine, property: ICAL.Property): EventDate[] {
    if (!this.readable(line)) return [];
    return property.getValues().flatMap((value) => (value instanceof ICAL.Time ? (this.dateOf(line, property, value, false) ?? []) : []));
  }

  /** Whether a date property is written as RFC 5545 says: ical.js throws on some other forms and misreads others. */
  private readable(line: ContentLine): boolean {
    const written = line.raw.trim();
    if (/^\d{8}(T\d{6}Z?)?(,\d{8}(T\d{6}Z?)?)*$/i.test(written)) return true;
    this.report(`${line.name} "${written}" is not an iCalendar date (20260107) or date-time (20260107T093000, or …Z for UTC)`, this.valueAt(line));
    return false;
  }

  private dateOf(line: ContentLine, property: ICAL.Property, value: ICAL.Time, repeats: boolean): EventDate | undefined {
    const written = line.raw.trim();
    const pad = (number: number, width = 2): string => String(number).padStart(width, '0');
    const day = `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
    if (value.isDate) return { date: day };
    const local = `${day}T${pad(value.hour)}:${pad(value.minute)}:${pad(value.second)}`;
    // A list (EXDATE) is in one zone, the first value's.
    if (/Z$/i.test(written.split(',')[0] ?? '')) return { date: `${local}Z` };
    const tzid = property.getParameter('tzid');
    const tzidText = Array.isArray(tzid) ? tzid[0] : tzid;
    if (tzidText === undefined) return { date: local, ...(this.floatingZone ? { timezone: this.floatingZone } : {}) };
    const zone = this.zoneNamed(tzidText) ?? this.input.options.timezone;
    if (zone) return { date: local, timezone: zone };
    const vtimezone = this.vtimezones.get(tzidText);
    if (vtimezone && !repeats) {
      const time = value.clone();
      time.zone = vtimezone;
      const utc = time.convertToZone(ICAL.Timezone.utcTimezone);
      return { date: `${pad(utc.year, 4)}-${pad(utc.month)}-${pad(utc.day)}T${pad(utc.hour)}:${pad(utc.minute)}:${pad(utc.second)}Z` };
    }
    const why = vtimezone
      ? `is defined only by this file's VTIMEZONE, whose clock changes a repeat cannot follow: ${HOW_TO_ZONE}`
      : `is no IANA or Windows zone name and the file has no VTIMEZONE for it: ${HOW_TO_ZONE}`;
    const index = line.text.indexOf(tzidText);
    this.report(`time zone "${tzidText}" ${why}`, index < 0 ? this.at(line) : this.at(line, index, tzidText.length));
    return undefined;
  }

  /** An occurrence's date in the send's zone, for `except`: as written when in the same zone, else the instant. */
  inZoneOf(date: EventDate, send: EventDate): string {
    if (date.timezone === send.timezone || date.date.length === 10 || !date.timezone) return date.date;
    return DateTime.fromISO(date.date, { zone: date.timezone }).toUTC().toISO({ suppressMilliseconds: true }) ?? date.date;
  }

  /** One VEVENT as calendar sends: itself (with its repeat and exceptions), and one per RDATE. */
  read(event: Event, except: Array<{ date: EventDate; line: ContentLine }>, ownId?: string): void {
    const first = (name: string) => this.lines(event, name)[0];
    if (cancelled(event)) return;
    const begin = this.at(event.scanned.begin);
    const start = first('DTSTART');
    if (!start) return this.report('this event has no DTSTART: cxlint cannot tell when it is sent', begin);
    const rrule = first('RRULE');
    const date = this.date(start.line, start.property, rrule !== undefined);
    const fields = new Map(FIELDS.map((field) => [field, this.field(event, field)] as const));
    for (const field of ['segment', 'template'] as const) {
      if (fields.get(field)?.values.length) continue;
      const how = this.sources.has(field) ? `its ${this.sources.get(field)!.property} gives none` : `write "${field}: <id>" on a line of its description, or map a property with inputs[].columns.${field} (docs/adapters.md)`;
      this.report(`this event names no ${field}: ${how}`, begin);
      return;
    }
    if (!date) return;
    const pointer = pointerTo('/calendar', this.items.length);
    const send: Record<string, unknown> = Object.create(null);
    this.positions.set(pointer, { value: begin });
    const set = (key: string, value: unknown, location: Location): void => {
      send[key] = value;
      this.positions.set(pointerTo(pointer, key), { value: location });
    };
    const uid = first('UID');
    const id = ownId ?? uid?.property.getFirstValue();
    if (typeof id === 'string' && id.trim()) set('id', id.trim(), uid ? this.valueAt(uid.line) : begin);
    set('date', date.date, this.valueAt(start.line));
    if (date.timezone) set('timezone', date.timezone, this.at(start.line));
    for (const [field, found] of fields) {
      if (!found) continue;
      const segments = field === 'segment' ? segmentsIn(found.values) : [];
      if (segments.length > 1) {
        set('segments', segments, found.location);
        segments.forEach((_, index) => this.positions.set(pointerTo(pointerTo(pointer, 'segments'), index), { value: found.location }));
      } else set(field, segments[0] ?? found.values[0], found.location);
    }
    if (rrule) set('repeat', repeatIn(rrule.line.raw.trim(), date.timezone), this.valueAt(rrule.line));
    const skipped = [...this.lines(event, 'EXDATE').flatMap(({ line, property }) => this.dates(line, property).map((exdate) => ({ date: exdate, line }))), ...except];
    if (skipped.length) {
      set('except', skipped.map(({ date: exdate }) => this.inZoneOf(exdate, date)), this.valueAt(skipped[0]!.line));
      skipped.forEach(({ line }, index) => this.positions.set(pointerTo(pointerTo(pointer, 'except'), index), { value: this.valueAt(line) }));
    }
    this.items.push(send);
    // Each RDATE is one more send of the event, at that date.
    for (const { line, property } of this.lines(event, 'RDATE')) {
      for (const rdate of this.dates(line, property)) {
        const extra = pointerTo('/calendar', this.items.length);
        const copy: Record<string, unknown> = Object.assign(Object.create(null), send, { date: rdate.date });
        delete copy.id;
        delete copy.repeat;
        delete copy.except;
        if (rdate.timezone) copy.timezone = rdate.timezone;
        else delete copy.timezone;
        for (const [key, position] of [...this.positions]) if (key.startsWith(`${pointer}/`)) this.positions.set(extra + key.slice(pointer.length), position);
        this.positions.set(extra, { value: this.at(line) });
        this.positions.set(pointerTo(extra, 'date'), { value: this.valueAt(line) });
        this.positions.set(pointerTo(extra, 'timezone'), { value: this.at(line) });
        this.items.push(copy);
      }
    }
  }

}

/** A cancelled event is no send (STATUS:CANCELLED). */
function cancelled(event: Event): boolean {
  const status = event.properties.find(({ line }) => line.name === 'STATUS')?.property.getFirstValue();
  return typeof status === 'string' && status.toUpperCase() === 'CANCELLED';
}

/** The segments a field's values name: several may be written in one, separated by `;` or `|`. */
export function segmentsIn(values: string[]): string[] {
  return values.flatMap((value) => value.split(/[;|]/)).map((part) => part.trim()).filter(Boolean);
}

/**
 * An RRULE as the send's `repeat`. cxlint reads a repeat's UNTIL as wall-clock time in the send's zone, as its start; in
 * iCalendar a UTC UNTIL (…Z, as RFC 5545 3.3.10 wants it when DTSTART has a TZID) is an instant. So such an UNTIL is
 * written as that instant's wall-clock time in the event's zone, and the rest of the rule as it is.
 */
function repeatIn(rule: string, zone: string | undefined): string {
  if (!zone) return rule;
  return rule.replace(/(?<=^|;)(UNTIL=)(\d{8}T\d{6})Z(?=;|$)/i, (written, name: string, utc: string) => {
    const wall = DateTime.fromFormat(utc, "yyyyMMdd'T'HHmmss", { zone: 'utc' }).setZone(zone);
    // A date that does not exist (month 13) stays as written: the repeat's check reports it.
    return wall.isValid ? `${name}${wall.toFormat("yyyyMMdd'T'HHmmss")}` : written;
  });
}

/**
 * The text ical.js parses: each event's RRULE renamed to a property ical.js does not interpret. ical.js reads a rule as
 * it parses the file and throws on a value it cannot read (BYDAY=XX), with no position, and then no event of the file is
 * read; cxlint takes the rule as written (the scanned line) and checks it as any repeat, at its value. A renamed line
 * stays in its place, so the events' properties still pair with the scanned ones.
 */
function withRulesUnread(text: string, events: ScannedEvent[]): string {
  const rules = new Set(events.flatMap(({ properties }) => properties.filter(({ name }) => name === 'RRULE').map(({ pieces }) => pieces[0]!.line)));
  // Split as the scan does, keeping the line ends: the physical line n is at index 2(n - 1).
  return text
    .split(/(\r\n|\n|\r)/)
    .map((part, index) => (index % 2 === 0 && rules.has(index / 2 + 1) ? `X-CXLINT-${part}` : part))
    .join('');
}

/** The VEVENTs ical.js read, paired in order with the scanned ones (both follow the file), their properties too. */
function pairEvents(components: ICAL.Component[], scanned: ScannedEvent[]): Event[] {
  const events = components.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  return events.flatMap((vevent, index) => {
    const scan = scanned[index];
    if (!scan) return [];
    const properties = vevent.getAllProperties();
    return [{ scanned: scan, properties: scan.properties.flatMap((line, at) => (properties[at] ? [{ line, property: properties[at]! }] : [])) }];
  });
}

/** An occurrence that an override event (RECURRENCE-ID) moves or cancels: an exception of the event of its UID. */
function overrideOf(reader: IcsReader, event: Event): { uid: string; date: EventDate; line: ContentLine } | undefined {
  const id = event.properties.find(({ line }) => line.name === 'RECURRENCE-ID');
  const uid = event.properties.find(({ line }) => line.name === 'UID')?.property.getFirstValue();
  if (!id || typeof uid !== 'string') return undefined;
  const date = reader.date(id.line, id.property, false);
  return date && { uid: uid.trim(), date, line: id.line };
}

/** The VCALENDARs of a file whose scan found no error; ical.js throws on a value it cannot read (a bad parameter). */
function calendarsOf(text: string, scan: Scan): ICAL.Component[] {
  const parsed: unknown = ICAL.parse(withRulesUnread(text, scan.events));
  // Several VCALENDARs in one file give a list of them.
  const jcals = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[][];
  return jcals.map((jcal) => new ICAL.Component(jcal));
}

/**
 * The events of a file that are sends, parsed once, and what each names for each field under any `columns`, as
 * `readIcs` reads it (a segment field split into its segments): `cxlint init` tries several columns on one file to find
 * those it needs. Undefined for a file readIcs reads no event of.
 */
export function eventFieldsOf(text: string): ((columns: Record<string, string>) => Array<Partial<Record<Field, string[]>>>) | undefined {
  const scan = scanCalendar(text);
  if (scan.errors.length > 0) return undefined;
  let calendars: ICAL.Component[];
  try {
    calendars = calendarsOf(text, scan);
  } catch {
    return undefined;
  }
  const events = pairEvents(calendars, scan.events).filter((event) => !cancelled(event));
  return (columns) => {
    const input: AdapterInput = { file: '', absolutePath: '', bytes: new Uint8Array(), text, explicit: false, options: { columns } };
    // Dates are not read: the zones are not needed.
    const reader = new IcsReader(input, new Map(), new Map(), undefined);
    return events.map((event) => {
      const values = FIELDS.flatMap((field) => {
        const found = reader.field(event, field)?.values;
        return found ? [[field, field === 'segment' ? segmentsIn(found) : found] as const] : [];
      });
      return Object.fromEntries(values);
    });
  };
}

/** An iCalendar file's events as calendar sends (ADAPTERS.md §3); `icsAdapter` in ics.ts is what the loaders see. */
export function readIcs(input: AdapterInput): AdapterOutput {
  const scan = scanCalendar(input.text ?? '');
  const problems: Problem[] = scan.errors.map(({ message, line }) => ({ rule: 'invalid-input', message, location: locationIn(input.file, line, 0, line.text.length), ids: [message] }));
  if (problems.length > 0) return { fragments: [], problems };
  let calendars: ICAL.Component[];
  try {
    calendars = calendarsOf(input.text ?? '', scan);
  } catch (error) {
    // The scan found every line and component sound: what is left is a value ical.js cannot read (a bad parameter).
    const message = `unreadable iCalendar file: ${(error as Error).message}`;
    return { fragments: [], problems: [{ rule: 'invalid-input', message, location: fileStart(input.file), ids: [message] }] };
  }
  const vtimezones = new Map(calendars.flatMap((calendar) => calendar.getAllSubcomponents('vtimezone')).map((vtimezone) => [String(vtimezone.getFirstPropertyValue('tzid')), new ICAL.Timezone(vtimezone)]));
  const calendarZone = scan.calendar.find((line) => line.name === 'X-WR-TIMEZONE')?.raw.trim();
  const floating = calendarZone ? (IANAZone.isValidZone(calendarZone) ? calendarZone : findIana(calendarZone, '001')[0]) : undefined;
  const reader = new IcsReader(input, scan.zones, vtimezones, floating ?? input.options.timezone);
  const events = pairEvents(calendars, scan.events);
  const overrides = new Map<Event, ReturnType<typeof overrideOf>>(events.map((event) => [event, overrideOf(reader, event)]));
  const exceptions = new Map<string, Array<{ date: EventDate; line: ContentLine }>>();
  for (const override of overrides.values()) if (override) (exceptions.get(override.uid) ?? exceptions.set(override.uid, []).get(override.uid)!).push(override);
  for (const event of events) {
    const override = overrides.get(event);
    const uid = event.properties.find(({ line }) => line.name === 'UID')?.property.getFirstValue();
    // A moved occurrence is a send of its own, named apart from the event it comes from.
    if (override) reader.read(event, [], `${override.uid}#${override.line.raw.trim()}`);
    else reader.read(event, typeof uid === 'string' ? (exceptions.get(uid.trim()) ?? []) : []);
  }
  if (calendarZone && !floating) {
    const line = scan.calendar.find((candidate) => candidate.name === 'X-WR-TIMEZONE')!;
    reader.report(`X-WR-TIMEZONE "${calendarZone}" is no IANA or Windows zone name: its floating times are read in the segment's or the config's zone; ${HOW_TO_ZONE}`, reader.valueAt(line));
  }
  const begin = locationIn(input.file, scan.begin!, 0, scan.begin!.text.length);
  const positions = reader.positions;
  positions.set('', { value: begin });
  positions.set('/calendar', { value: begin });
  const fragment: Fragment = { file: input.file, format: 'plan', value: Object.assign(Object.create(null), { calendar: reader.items }), positions, fromExport: true };
  return { fragments: [fragment], problems: reader.problems };
}
