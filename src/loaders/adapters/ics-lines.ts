import type { Location } from '../../findings/finding.js';

/**
 * The content lines of an iCalendar file with where each stands: ical.js unfolds lines without counting them and its
 * parse tree and errors carry no position (ADAPTERS.md §3), so this scan does the unfolding again, keeping the
 * physical line and column of every character, and checks the BEGIN/END structure that ical.js would only report as
 * "component began but did not end".
 */

/** Where a run of the logical line's characters starts in the file: unfolding joins several physical lines. */
interface Piece {
  offset: number;
  line: number;
  column: number;
}

export interface ContentLine {
  /** The property's name, upper case (names are case-insensitive, RFC 5545 §3.1). */
  name: string;
  /** The value, after the first `:` outside a quoted parameter, as written (escapes kept). */
  raw: string;
  /** Where `raw` starts in the logical line. */
  valueOffset: number;
  text: string;
  pieces: Piece[];
}

export interface ScannedEvent {
  begin: ContentLine;
  /** Its own properties, in file order (those of a VALARM inside it are not its own). */
  properties: ContentLine[];
}

export interface Scan {
  /** The VCALENDAR's own properties (X-WR-TIMEZONE, …). */
  calendar: ContentLine[];
  events: ScannedEvent[];
  /** The TZID of each VTIMEZONE, with its other properties (X-LIC-LOCATION). */
  zones: Map<string, ContentLine[]>;
  begin?: ContentLine;
  /** Each is a problem at its line; a file with any is not read further. */
  errors: Array<{ message: string; line: ContentLine }>;
}

/** Physical lines joined where a line starts with a space or a tab (RFC 5545 §3.1), blank lines dropped. */
function unfold(text: string): Array<Omit<ContentLine, 'name' | 'raw' | 'valueOffset'>> {
  const lines: Array<Omit<ContentLine, 'name' | 'raw' | 'valueOffset'>> = [];
  text.split(/\r\n|\n|\r/).forEach((physical, index) => {
    const last = lines.at(-1);
    if (last && (physical.startsWith(' ') || physical.startsWith('\t'))) {
      last.pieces.push({ offset: last.text.length, line: index + 1, column: 2 });
      last.text += physical.slice(1);
    } else if (physical.trim() !== '') {
      lines.push({ text: physical.replace(/^\uFEFF/, ''), pieces: [{ offset: 0, line: index + 1, column: physical.startsWith('\uFEFF') ? 2 : 1 }] });
    }
  });
  return lines;
}

/** Where the value starts: after the first `:` that is not inside a quoted parameter value (`TZID="a:b"`). */
function valueStart(text: string): number {
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '"') quoted = !quoted;
    else if (text[index] === ':' && !quoted) return index + 1;
  }
  return -1;
}

/** The file's location of `length` characters from `offset` of a logical line. */
export function locationIn(file: string, line: ContentLine, offset = 0, length = line.text.length - offset): Location {
  const at = (position: number): { line: number; column: number } => {
    const piece = [...line.pieces].reverse().find((candidate) => candidate.offset <= position) ?? line.pieces[0]!;
    return { line: piece.line, column: piece.column + position - piece.offset };
  };
  const from = at(offset);
  const to = at(Math.max(offset, offset + length - 1));
  return { file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column + (length > 0 ? 1 : 0) };
}

/** Scans `text` into content lines and checks that every BEGIN has its END, in order. */
export function scanCalendar(text: string): Scan {
  const scan: Scan = { calendar: [], events: [], zones: new Map(), errors: [] };
  const open: ContentLine[] = [];
  let event: ScannedEvent | undefined;
  let zone: ContentLine[] | undefined;
  for (const unfolded of unfold(text)) {
    const start = valueStart(unfolded.text);
    const name = /^[A-Za-z0-9-]+(?=[;:])/.exec(unfolded.text)?.[0]?.toUpperCase();
    const line: ContentLine = { ...unfolded, name: name ?? '', raw: start < 0 ? '' : unfolded.text.slice(start), valueOffset: Math.max(start, 0) };
    if (!name || start < 0) {
      scan.errors.push({ message: 'not an iCalendar content line: write NAME:value (or NAME;PARAMETER=…:value), and start a continued line with a space', line });
      continue;
    }
    const component = line.raw.trim().toUpperCase();
    if (!scan.begin) {
      if (name !== 'BEGIN' || component !== 'VCALENDAR') {
        scan.errors.push({ message: 'not an iCalendar file: its first line must be BEGIN:VCALENDAR', line });
        return scan;
      }
      scan.begin = line;
    }
    if (name === 'BEGIN') {
      open.push(line);
      if (component === 'VEVENT' && open.length === 2) scan.events.push((event = { begin: line, properties: [] }));
      if (component === 'VTIMEZONE' && open.length === 2) zone = [];
      continue;
    }
    if (name === 'END') {
      const begun = open.pop();
      if (begun?.raw.trim().toUpperCase() !== component) {
        const what = begun ? `it closes BEGIN:${begun.raw.trim()} of line ${begun.pieces[0]!.line}` : 'no component is open';
        scan.errors.push({ message: `END:${line.raw.trim()} does not match: ${what}`, line });
        return scan;
      }
      if (open.length < 2) event = zone = undefined;
      continue;
    }
    if (open.length === 1) scan.calendar.push(line);
    else if (event && open.length === 2) event.properties.push(line);
    else if (zone && open.length === 2) {
      zone.push(line);
      if (name === 'TZID') scan.zones.set(line.raw.trim(), zone);
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) scan.errors.push({ message: `BEGIN:${unclosed.raw.trim()} is never ended: END:${unclosed.raw.trim()} is missing (is the file cut short?)`, line: unclosed });
  else if (!scan.begin) scan.errors.push({ message: 'empty iCalendar file: it has no BEGIN:VCALENDAR', line: { name: '', raw: '', valueOffset: 0, text: '', pieces: [{ offset: 0, line: 1, column: 1 }] } });
  return scan;
}
