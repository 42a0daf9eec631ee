import { Alias, Composer, isAlias, isMap, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { CST, Document, Node, ParsedNode } from 'yaml';
import type { Location, Problem } from '../findings/finding.js';
import type { Fragment, NodePosition, PositionMap } from './fragment.js';
import { pointerTo } from './fragment.js';
import type { Directive } from './directives.js';
import { directivesIn } from './directives.js';

/** Deeper nesting than any plan needs; deep flow nesting can abort Node itself inside yaml's parser. */
export const MAX_DEPTH = 64;
/** Values one document may reach through aliases: stops "billion laughs" alias bombs. */
export const MAX_NODES = 200_000;

export interface YamlResult {
  /** One per document with content. */
  fragments: Fragment[];
  problems: Problem[];
  /** Its suppression comments. */
  directives: Directive[];
}

class UnreadableDocument extends Error {
  constructor(
    message: string,
    readonly location: Location,
  ) {
    super(message);
  }
}

/**
 * The offset of the first collection nested deeper than MAX_DEPTH in yaml's syntax tree, walked without recursion:
 * composing deep nesting (`- - - … x`, `[[[…`) recurses in yaml and can abort Node, so it is refused before composing.
 * yaml's lexer and parser do not recurse: 300,000 `[` are read into the tree (test/loaders/yaml.test.ts).
 */
function tooDeep(tokens: CST.Token[]): number | undefined {
  const stack: Array<[CST.Token | undefined, number]> = tokens.map((token) => [token, 0]);
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [token, outer] = entry;
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, outer]);
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const depth = outer + 1;
    if (depth > MAX_DEPTH) return token.offset;
    for (const item of token.items) stack.push([(item as { key?: CST.Token }).key ?? undefined, depth], [item.value, depth]);
  }
  return undefined;
}

/**
 * Where a node stands, kept as offsets in the text (where its value, and its key if any, start and end): its Location
 * (two binary searches of the line starts, and an object) is made when first asked, and most never are (a finding
 * names a few of a plan's nodes). Offsets as numbers, not pairs: a plan has a position for every node it holds.
 */
class YamlPosition implements NodePosition {
  private valueLocation?: Location;
  private keyLocation?: Location;

  constructor(
    private readonly locationOf: (start: number, end: number) => Location,
    private valueStart: number,
    private valueEnd: number,
    private readonly keyStart = -1,
    private readonly keyEnd = -1,
  ) {}

  get value(): Location {
    return (this.valueLocation ??= this.locationOf(this.valueStart, this.valueEnd));
  }

  get key(): Location | undefined {
    return this.keyStart < 0 ? undefined : (this.keyLocation ??= this.locationOf(this.keyStart, this.keyEnd));
  }

  /** The node's value stands elsewhere than its key (or, for an alias, where the alias is written). */
  valueAt(node: Node): void {
    [this.valueStart, this.valueEnd] = node.range ?? [0, 0];
    this.valueLocation = undefined;
  }
}

function syntaxMessage(code: string, message: string): string {
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear only once in a mapping';
  return `YAML syntax error: ${first}`;
}

/** Reads YAML or JSON text into fragments of plain data, keeping the position of every node. */
export function readYaml(file: string, written: string): YamlResult {
  // YAML 1.2 counts a lone CR as a line break (old Mac editors, Excel's exports); the yaml library does not, and would
  // read such a file as one line. One character for one keeps every offset, so positions stay exact.
  const text = written.replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  const locationOf = (start: number, end: number): Location => {
    const from = lineCounter.linePos(start);
    const to = lineCounter.linePos(Math.max(start, end));
    return { file, line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  };
  const problems: Problem[] = [];
  const report = (message: string, location: Location): void => {
    problems.push({ rule: 'invalid-input', message, location, ids: [message] });
  };

  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const deep = tooDeep(tokens);
  if (deep !== undefined) {
    report(`nested more than ${MAX_DEPTH} levels deep`, locationOf(deep, deep));
    return { fragments: [], problems, directives: [] };
  }
  const composer = new Composer({
    uniqueKeys: true,
    merge: false,
    resolveKnownTags: false,
    schema: 'core',
    version: '1.2',
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const fragments: Fragment[] = [];
  for (const document of composer.compose(tokens)) {
    for (const error of document.errors) report(syntaxMessage(error.code, error.message), locationOf(error.pos[0], error.pos[1]));
    // A duplicate key leaves the rest of the document readable; any other syntax error does not.
    if (document.errors.some((error) => error.code !== 'DUPLICATE_KEY')) continue;
    // `---` with nothing after it holds an empty node, not a plan: an empty document is fine, as an empty file is.
    const contents = document.contents;
    if (contents === null || (isScalar(contents) && contents.value === null && contents.source === '' && !contents.tag && !contents.anchor)) continue;
    try {
      const positions: PositionMap = new Map();
      const value = new Converter(document, positions, locationOf).convert(document.contents as ParsedNode, '', 0);
      fragments.push({ file, format: 'plan', value, positions });
    } catch (error) {
      if (!(error instanceof UnreadableDocument)) throw error;
      report(error.message, error.location);
    }
  }
  const directives = directivesIn(file, text, tokens, lineCounter, fragments.map((fragment) => fragment.positions));
  return { fragments, problems, directives };
}

class Converter {
  private nodes = 0;
  private readonly expanding = new Set<Node>();
  /** The alias whose expansion is under way, where an alias bomb is reported. */
  private outermostAlias: Alias | undefined;

  constructor(
    private readonly document: Document.Parsed,
    private readonly positions: PositionMap,
    private readonly locationOf: (start: number, end: number) => Location,
  ) {}

  private where(node: Node | null | undefined): Location {
    const range = node?.range ?? [0, 0, 0];
    return this.locationOf(range[0], range[1]);
  }

  convert(node: Node | null, pointer: string, depth: number): unknown {
    // Only values reached through an alias count: the file-size cap already bounds the values written out.
    if (this.expanding.size > 0 && ++this.nodes > MAX_NODES) {
      throw new UnreadableDocument(`too many values: aliases expand past ${MAX_NODES} nodes`, this.where(this.outermostAlias ?? node));
    }
    if (depth > MAX_DEPTH) throw new UnreadableDocument(`nested more than ${MAX_DEPTH} levels deep`, this.where(node));
    if (node === null) return null;
    if (isAlias(node)) return this.expandAlias(node, pointer, depth);
    this.placeValue(pointer, node);
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return node.items.map((item, index) => this.convert(item as Node | null, pointerTo(pointer, index), depth + 1));
    if (isMap(node)) return this.convertMap(node.items, pointer, depth);
    return null;
  }

  /** The value at `pointer` stands at `node` (its key, if any, was placed with it). */
  private placeValue(pointer: string, node: Node): void {
    const known = this.positions.get(pointer);
    if (known instanceof YamlPosition) known.valueAt(node);
    else this.positions.set(pointer, new YamlPosition(this.locationOf, node.range?.[0] ?? 0, node.range?.[1] ?? 0));
  }

  private expandAlias(alias: Alias, pointer: string, depth: number): unknown {
    const target = alias.resolve(this.document);
    if (!target) throw new UnreadableDocument(`unknown alias *${alias.source}`, this.where(alias));
    if (this.expanding.has(target)) throw new UnreadableDocument(`alias *${alias.source} contains itself`, this.where(alias));
    if (this.expanding.size === 0) this.outermostAlias = alias;
    this.expanding.add(target);
    try {
      const value = this.convert(target, pointer, depth);
      this.placeValue(pointer, alias);
      return value;
    } finally {
      this.expanding.delete(target);
    }
  }

  private convertMap(pairs: Array<{ key: unknown; value: unknown }>, pointer: string, depth: number): unknown {
    // Objects without a prototype: a `__proto__` or `constructor` key is plain data here.
    const result: Record<string, unknown> = Object.create(null);
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      if (key === undefined || (key !== null && typeof key === 'object')) {
        throw new UnreadableDocument('a mapping key must be plain text', this.where(keyNode));
      }
      const name = String(key);
      if (Object.hasOwn(result, name)) continue;
      const child = pointerTo(pointer, name);
      const [start, end] = keyNode?.range ?? [0, 0];
      this.positions.set(child, new YamlPosition(this.locationOf, start, end, start, end));
      result[name] = this.convert(pair.value as Node | null, child, depth + 1);
    }
    return result;
  }
}
