import type { Location } from '../findings/finding.js';

/** Where a value (and, for a mapping entry, its key) stands in its file. */
export interface NodePosition {
  value: Location;
  key?: Location;
}

/** Positions by JSON pointer (`/calendar/3/date`), the same pointers ajv reports. */
export type PositionMap = Map<string, NodePosition>;

export type FragmentFormat = 'plan' | 'csv-calendar' | 'csv-segments' | 'csv-templates';

/** The readings of one CSV file that the config's `inputs[]` gave. */
export interface CsvReading {
  dateFormat?: string;
  timezone?: string;
}

/**
 * One plan fragment read from a file: plain data (objects without a prototype) and the position of every node.
 * A YAML stream gives one fragment per document; a CSV file gives one fragment.
 */
export interface Fragment {
  file: string;
  format: FragmentFormat;
  value: unknown;
  positions: PositionMap;
  csv?: CsvReading;
  /** Read from another tool's export (an adapter): its segments may be named by display name, as a CSV export's are (SPEC 4.1). */
  fromExport?: boolean;
  /**
   * Its templates only stand for what the export names (a report's campaign title): a plan's template of the same id
   * takes their place, and several exports may name one, without a `duplicate-id`.
   */
  impliedTemplates?: boolean;
}

export function pointerTo(parent: string, key: string | number): string {
  const text = String(key);
  // Most keys hold neither character: a plan has a pointer for every node it holds.
  const escaped = text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
  return `${parent}/${escaped}`;
}

/** The position of the node at `pointer`, or of its nearest ancestor that has one. */
export function locate(positions: PositionMap, pointer: string, part: 'key' | 'value' = 'value'): Location | undefined {
  for (let current = pointer; ; current = current.slice(0, current.lastIndexOf('/'))) {
    const position = positions.get(current);
    if (position) return (part === 'key' && current === pointer ? position.key : undefined) ?? position.value;
    if (current === '') return undefined;
  }
}
