import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Location, Problem, Severity } from '../../findings/finding.js';
import { fileStart } from '../../findings/finding.js';
import type { Fragment, PositionMap } from '../fragment.js';
import { locate, pointerTo } from '../fragment.js';
import { MAX_YAML_BYTES } from '../limits.js';
import { decodeText } from '../text.js';
import { readYaml } from '../yaml.js';

/**
 * A value of the cxlint plan an adapter writes, with the place in the original file it was read from: every node of
 * the fragment gets a position, so that a schema error or a rule's finding points into the other tool's file.
 */
export interface Placed {
  at: Location;
  value: string | number | boolean | Placed[] | Map<string, Placed>;
}

export const placed = (value: Placed['value'], at: Location): Placed => ({ value, at });

/** A mapping of the fields given; undefined fields are left out. */
export function mapping(at: Location, fields: Record<string, Placed | undefined>): Placed {
  const entries = Object.entries(fields).filter((entry): entry is [string, Placed] => entry[1] !== undefined);
  return { at, value: new Map(entries) };
}

/** Plain data (objects without a prototype, as the YAML loader builds) and the position of every node. */
export function fragmentOf(file: string, root: Placed): Fragment {
  const positions: PositionMap = new Map();
  const convert = (node: Placed, pointer: string): unknown => {
    positions.set(pointer, { ...positions.get(pointer), value: node.at });
    if (Array.isArray(node.value)) return node.value.map((child, index) => convert(child, pointerTo(pointer, index)));
    if (!(node.value instanceof Map)) return node.value;
    const result: Record<string, unknown> = Object.create(null);
    for (const [key, child] of node.value) {
      const childPointer = pointerTo(pointer, key);
      positions.set(childPointer, { key: child.at, value: child.at });
      result[key] = convert(child, childPointer);
    }
    return result;
  };
  return { file, format: 'plan', value: convert(root, ''), positions };
}

/** A JSON (or YAML) file read with the position of every node. */
export class Parsed {
  constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly positions: PositionMap,
  ) {}

  /** Where the node at `pointer` stands (or its nearest ancestor that has a position). */
  at(pointer: string): Location {
    return locate(this.positions, pointer) ?? fileStart(this.file);
  }

  /** The value at a JSON pointer of this file, or undefined. */
  get(pointer: string): unknown {
    let node = this.value;
    for (const part of pointer.split('/').slice(1)) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object') return undefined;
      node = Array.isArray(node) ? node[Number(key)] : Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
    }
    return node;
  }

  text(pointer: string): string | undefined {
    const value = this.get(pointer);
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  }

  list(pointer: string): unknown[] {
    const value = this.get(pointer);
    return Array.isArray(value) ? value : [];
  }
}

/** Reads one document of JSON or YAML text through the YAML loader (its limits and positions); JSON errors say JSON. */
export function parseDocument(file: string, text: string): { parsed?: Parsed; problems: Problem[] } {
  const { fragments, problems: all } = readYaml(file, text);
  // In JSON (no indentation rules, no comments) the errors after the first are the same fault seen by YAML's grammar:
  // an unclosed string or bracket, as in a truncated file, is one finding where it starts.
  const json = /\.json$/i.test(file);
  const problems = json ? all.slice(0, 1).map((found) => ({ ...found, message: found.message.replace(/^YAML syntax error/, 'JSON syntax error') })) : all;
  for (const found of problems) found.ids = [found.message];
  const fragment = fragments[0];
  if (problems.length > 0 || !fragment) return { problems };
  return { parsed: new Parsed(file, fragment.value, fragment.positions), problems };
}

/**
 * The other files of a folder an adapter reads beside the one it was given (the assets a journey sends), named as
 * findings show them: relative to the given file's own name, so that positions in them read like any other.
 */
export class Companions {
  constructor(
    private readonly file: string,
    private readonly absolutePath: string,
  ) {}

  /** The path findings show for a file at `absolute`. */
  shown(absolute: string): string {
    const relative = path.relative(path.dirname(this.absolutePath), absolute).split(path.sep).join('/');
    return path.posix.normalize(path.posix.join(path.posix.dirname(this.file), relative));
  }

  /** A companion's text, or undefined when it is absent, too large or not text (its own problems are reported when it is linted itself). */
  text(absolute: string): string | undefined {
    try {
      if (statSync(absolute).size > MAX_YAML_BYTES) return undefined;
      const decoded = decodeText(absolute, readFileSync(absolute), MAX_YAML_BYTES);
      return 'text' in decoded ? decoded.text : undefined;
    } catch {
      return undefined;
    }
  }

  /** The first of `candidates` (absolute paths) that exists and parses. */
  parsed(...candidates: string[]): Parsed | undefined {
    for (const candidate of candidates) {
      const text = this.text(candidate);
      if (text !== undefined) return parseDocument(this.shown(candidate), text).parsed;
    }
    return undefined;
  }
}

export function problem(message: string, location: Location, severity?: Severity): Problem {
  return { rule: 'invalid-input', message, location, ids: [message], ...(severity ? { severity } : {}) };
}

/** A value compared as the tools write enumerations: in any case (`WAIT`, `Wait`; `DAYS`, `days`). */
export const lower = (value: unknown): string => (typeof value === 'string' ? value.trim().toLowerCase() : '');

/** An id (text without white space) made of a key another tool wrote, which may hold spaces. */
export const idOf = (...parts: string[]): string => parts.map((part) => part.trim().replace(/\s+/g, '_')).join('/');

/** A fault that leaves an item unbuilt, at its place: a guessed journey would only make false findings. */
export class Unreadable extends Error {
  constructor(
    message: string,
    readonly location: Location,
  ) {
    super(message);
  }
}

/**
 * What a journey adapter read from one file: the fragment it built (none when the file holds nothing to build), or,
 * when the file could not be read as its format, the problems so far and the one that says why.
 */
export function builtOrUnreadable(file: string, problems: Problem[], build: () => Placed | undefined): { fragments: Fragment[]; problems: Problem[] } {
  try {
    const plan = build();
    return { fragments: plan ? [fragmentOf(file, plan)] : [], problems };
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    problems.push(problem(error.message, error.location));
    return { fragments: [], problems };
  }
}
