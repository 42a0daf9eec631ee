// Inline suppressions (SPEC 10): `# cxlint-disable-next-line RULE[, RULE] -- reason` and `# cxlint-disable RULE -- reason`.
import type { CST, LineCounter } from 'yaml';
import type { Location } from '../findings/finding.js';
import type { PositionMap } from './fragment.js';

/** One suppression comment, and the lines of its file whose findings it suppresses. */
export interface Directive {
  kind: 'disable-next-line' | 'disable';
  /** The rule ids it names, as written. */
  rules: string[];
  /** The text after ` -- `: why the findings are accepted. */
  reason?: string;
  /** The comment itself. */
  location: Location;
  /** The lines it covers, both included: the list item or key that starts on the next line, or the rest of the file. */
  firstLine: number;
  lastLine: number;
}

const DIRECTIVE = /^#\s*cxlint-(disable-next-line|disable)(?=\s|$)(.*)$/;

/** The comments of a YAML syntax tree, walked without recursion (the tree's depth is already capped, but need not be trusted). */
function commentsOf(tokens: CST.Token[]): CST.SourceToken[] {
  const comments: CST.SourceToken[] = [];
  const stack: unknown[] = [...tokens];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else if (node !== null && typeof node === 'object') {
      const token = node as Partial<CST.SourceToken>;
      if (token.type === 'comment' && typeof token.source === 'string') comments.push(token as CST.SourceToken);
      else for (const value of Object.values(node)) if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return comments.sort((a, b) => a.offset - b.offset);
}

/**
 * For each line on which a list item or a mapping entry starts, the last line of the largest one: what a
 * `disable-next-line` above that line covers. An entry starts at its key; a list item at its value.
 */
function spansByFirstLine(positionMaps: PositionMap[]): Map<number, number> {
  const spans = new Map<number, number>();
  for (const positions of positionMaps) {
    for (const [pointer, { key, value }] of positions) {
      if (pointer === '') continue;
      const first = (key ?? value).line;
      // A block node ends after its line break, at column 1 of the next line: that line is not part of it.
      const last = value.endColumn === 1 && value.endLine > first ? value.endLine - 1 : value.endLine;
      spans.set(first, Math.max(spans.get(first) ?? first, last));
    }
  }
  return spans;
}

/**
 * For each line number n (1-based, and n = 0), the first line after n that has content (neither blank nor only a
 * comment); past the end, the number of lines. Computed once, backwards: a file of comments is read in one pass.
 */
function nextContentLines(text: string): number[] {
  const lines = text.split('\n');
  const next: number[] = new Array<number>(lines.length + 1);
  next[lines.length] = lines.length;
  for (let line = lines.length - 1; line >= 0; line -= 1) {
    // `next[line]` is about the lines after line `line`: line `line + 1` is lines[line].
    next[line] = /^\s*(#.*)?$/.test(lines[line]!) ? next[line + 1]! : line + 1;
  }
  return next;
}

/** The suppression comments of one YAML file, each with the lines it covers. */
export function directivesIn(file: string, text: string, tokens: CST.Token[], lineCounter: LineCounter, positionMaps: PositionMap[]): Directive[] {
  // Most files hold no directive: their syntax tree is not walked at all.
  if (!text.includes('cxlint-disable')) return [];
  const comments = commentsOf(tokens).filter((comment) => DIRECTIVE.test(comment.source));
  if (comments.length === 0) return [];
  const nextContent = nextContentLines(text);
  const spans = spansByFirstLine(positionMaps);
  return comments.map((comment) => {
    const [, kind, body = ''] = DIRECTIVE.exec(comment.source)!;
    const separator = body.search(/\s--(\s|$)/);
    const names = separator === -1 ? body : body.slice(0, separator);
    const reason = separator === -1 ? '' : body.slice(separator).replace(/^\s--/, '').trim();
    const start = lineCounter.linePos(comment.offset);
    const location = { file, line: start.line, column: start.col, endLine: start.line, endColumn: start.col + comment.source.length };
    let firstLine = start.line;
    let lastLine = nextContent.length - 1;
    if (kind === 'disable-next-line') {
      // The next line with content: blank lines and other comments between the directive and its item are skipped.
      firstLine = nextContent[start.line]!;
      lastLine = spans.get(firstLine) ?? firstLine;
    }
    return {
      kind: kind as Directive['kind'],
      rules: names.split(',').map((name) => name.trim()).filter(Boolean),
      ...(reason ? { reason } : {}),
      location,
      firstLine,
      lastLine,
    };
  });
}
