import type { Location } from '../findings/finding.js';
import type { Directive } from './directives.js';
import type { PositionMap } from './fragment.js';
import type { YamlResult } from './yaml-parse.js';
import { parseYaml } from './yaml-parse.js';

export { MAX_DEPTH, MAX_NODES } from './yaml-parse.js';
export type { YamlResult } from './yaml-parse.js';

/**
 * Where the command line keeps what it parsed (bin/cxlint.js: beside the code caches, one text per working folder), and
 * the id of the build that parsed it: yaml's reading of a small plan is most of a check's work on it, and allocates
 * megabytes (docs/performance.md, "Start-up"). The programmatic API keeps nothing.
 */
export interface ParsedStore {
  id: string;
  read(): string | undefined;
  write(text: string): void;
}

/** A file's text, and what reading it gave, in JSON. */
interface Entry {
  file: string;
  text: string;
  /** Each fragment's value (`encodeValue`) and its positions: pointer, the value's place, the key's (null for none). */
  fragments: Array<{ value: unknown; positions: Array<[string, number[], number[] | null]> }>;
  problems: YamlResult['problems'];
  directives: Directive[];
}

interface Kept {
  store: ParsedStore;
  /** What the store kept, by file as findings show it; read at the first text. */
  earlier: Map<string, Entry> | undefined;
  /** What this run read, kept or parsed. */
  now: Map<string, Entry>;
  /** This run parsed a text. */
  changed: boolean;
}

let kept: Kept | undefined;

/** From now on, `readYaml` answers from what `store` kept, and `flushParsedYaml` keeps what it read (undefined: neither). */
export function keepParsedYaml(store: ParsedStore | undefined): void {
  kept = store && { store, earlier: undefined, now: new Map(), changed: false };
}

/** Keeps what this run read, when it parsed anything: the files it read, and no others, so that nothing is kept for ever. */
export function flushParsedYaml(): void {
  if (!kept?.changed) return;
  kept.store.write(JSON.stringify({ id: kept.store.id, entries: [...kept.now.values()] }));
  kept.changed = false;
}

/** Texts larger than this are parsed every time: a plan written by hand is kilobytes, and a kept one is ten times its text. */
const MAX_KEPT_LENGTH = 256 * 1024;

/**
 * Reads YAML or JSON text into fragments of plain data, keeping the position of every node (yaml-parse.ts). What an
 * earlier run of this build parsed of the same file's same text is taken as kept: the result depends on nothing else.
 */
export function readYaml(file: string, text: string): YamlResult {
  if (!kept || text.length > MAX_KEPT_LENGTH) return parseYaml(file, text);
  kept.earlier ??= earlierEntries(kept.store);
  const entry = kept.earlier.get(file);
  const result = entry?.text === text ? decoded(entry) : undefined;
  if (entry && result) {
    kept.now.set(file, entry);
    return result;
  }
  const parsed = parseYaml(file, text);
  kept.now.set(file, encoded(file, text, parsed));
  kept.changed = true;
  return parsed;
}

/** The entries the store kept, if this build kept them. */
function earlierEntries(store: ParsedStore): Map<string, Entry> {
  try {
    const text = store.read();
    const earlier = text === undefined ? undefined : (JSON.parse(text) as { id: string; entries: Entry[] });
    if (earlier?.id === store.id) return new Map(earlier.entries.map((entry) => [entry.file, entry]));
  } catch {
    // Unreadable: nothing is kept.
  }
  return new Map();
}

/**
 * YAML's values as JSON cannot hold them: every array is tagged by its first element (`a` an array, `o` an object of
 * key-value pairs, made again without a prototype, `n` a number JSON has no word for), so that a string is never one.
 */
function encodeValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : ['n', Object.is(value, -0) ? '-0' : String(value)];
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return ['a', ...value.map(encodeValue)];
  return ['o', ...Object.entries(value).flatMap(([key, item]) => [key, encodeValue(item)])];
}

function decodeValue(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value[0] === 'a') return value.slice(1).map(decodeValue);
  if (value[0] === 'n') return value[1] === '-0' ? -0 : Number(value[1]);
  const object: Record<string, unknown> = Object.create(null);
  for (let index = 1; index < value.length; index += 2) object[value[index] as string] = decodeValue(value[index + 1]);
  return object;
}

const place = (location: Location): number[] => [location.line, location.column, location.endLine, location.endColumn];
const at = (file: string, [line, column, endLine, endColumn]: number[]): Location => ({ file, line: line!, column: column!, endLine: endLine!, endColumn: endColumn! });

function encoded(file: string, text: string, result: YamlResult): Entry {
  const fragments = result.fragments.map((fragment) => {
    const positions = [...fragment.positions].map(([pointer, { key, value }]): Entry['fragments'][number]['positions'][number] => [pointer, place(value), key ? place(key) : null]);
    return { value: encodeValue(fragment.value), positions };
  });
  return { file, text, fragments, problems: result.problems, directives: result.directives };
}

/** What was kept, made again (undefined if the entry cannot be read): new objects, which the next stages may change. */
function decoded(entry: Entry): YamlResult | undefined {
  try {
    const { file } = entry;
    const fragments = entry.fragments.map(({ value, positions }) => {
      const map: PositionMap = new Map();
      for (const [pointer, value, key] of positions) map.set(pointer, key ? { key: at(file, key), value: at(file, value) } : { value: at(file, value) });
      return { file, format: 'plan' as const, value: decodeValue(value), positions: map };
    });
    return { fragments, problems: structuredClone(entry.problems), directives: structuredClone(entry.directives) };
  } catch {
    return undefined;
  }
}
