import { createRequire } from 'node:module';
import { settingsOf } from '../config/overrides.js';
import type { ResolvedConfig, RuleSetting } from '../config/resolve.js';
import type { SegmentTree } from '../model/tree.js';
import { RULES_BY_ID } from '../rules/index.js';
import type { Finding, Problem } from './finding.js';
import { flat } from '../shared/flat.js';
import { sortedTexts } from '../shared/sorted.js';

/**
 * The setting of a rule for each problem: the config's, unless an override names one of the problem's segments (or a
 * segment above one) or its campaign; the last such override wins. Each rule's overrides are prepared once.
 */
export function settingsFor(config: ResolvedConfig, tree: Pick<SegmentTree, 'anyContains'>): (problem: Problem) => RuleSetting | undefined {
  const byRule = new Map<string, ReturnType<typeof settingsOf>>();
  return (problem) => {
    const settings = byRule.get(problem.rule) ?? byRule.set(problem.rule, settingsOf(config, problem.rule, tree)).get(problem.rule)!;
    let setting = settings.base;
    for (const { setting: override, applies } of settings.overrides) if (applies(problem.segments ?? [], problem.campaign)) setting = override;
    return setting;
  };
}

/** Node's own modules, each loaded when first needed: they resolve alike from any path, here Node's own. */
const requireBuiltin = createRequire(process.execPath);

/**
 * The first 128 bits of SHA-256, in hex: a fingerprint. node:crypto is loaded for the first one: its fifteen modules
 * are compiled in every process that loads them (docs/performance.md), and a run that prints no fingerprint has none.
 * `crypto.hash` (Node 20.12+) hashes in one call, several times faster than a Hash object per text, and its hex text
 * is ~3 times faster than a Buffer made into hex (a Buffer object per hash: ~1 µs each, 300,000 findings).
 */
function hasher(): (text: string) => string {
  const crypto = requireBuiltin('node:crypto') as typeof import('node:crypto');
  return typeof crypto.hash === 'function' ? (text) => firstHalf(crypto.hash('sha256', text)) : (text) => firstHalf(crypto.createHash('sha256').update(text).digest('hex'));
}
let fingerprintOf: ((text: string) => string) | undefined;

/**
 * The first 32 of a digest's 64 hex digits, as a string of its own. V8 makes a slice of 13 characters or more a view of
 * the whole text, which a finding would then keep alive; shorter pieces are copied, and joined into one flat string.
 */
function firstHalf(hex: string): string {
  return flat(hex.slice(0, 11) + hex.slice(11, 22) + hex.slice(22, 32));
}

/** Turns a finding's file (relative to the working folder) into the path fingerprints hash: relative to the config's folder. */
export type FingerprintPath = (file: string) => string;

/**
 * SPEC 9: a fingerprint hashes the rule, the file (relative to the config's folder, so that running from another folder
 * changes nothing), the ids of what is involved and the segments, never a line number. Problems alike in all of these
 * (two identical rows with the same fault) are told apart by their order among themselves, and only then.
 */
function fingerprints(findings: Finding[], { ids, segments }: Hashed, pathOf: FingerprintPath): void {
  // A plan's findings stand in a few files: each path is resolved once, not once per finding.
  const paths = new Map<string, string>();
  const projectPath = (file: string): string => paths.get(file) ?? paths.set(file, pathOf(file)).get(file)!;
  const baseOf = (finding: Finding, index: number): string => [finding.rule, projectPath(finding.location.file), ...ids[index]!, '|', ...segments[index]!].join('\u0000');
  const hash = (fingerprintOf ??= hasher());
  const firsts = findings.map((finding, index) => hash(baseOf(finding, index)));
  const mayRepeat = possiblyRepeated(firsts);
  // Alike problems are counted by their first hash (short text to look up), not by the whole base.
  const seen = new Map<string, number>();
  findings.forEach((finding, index) => {
    const first = firsts[index]!;
    if (!mayRepeat(index)) {
      finding.fingerprint = first;
      return;
    }
    const occurrence = seen.get(first) ?? 0;
    seen.set(first, occurrence + 1);
    finding.fingerprint = occurrence === 0 ? first : hash(`${baseOf(finding, index)}\u0000#${occurrence}`);
  });
}

/**
 * What each finding's fingerprint hashes besides its rule and file, as its problem gave them: its ids (else its
 * message), its segments as listed. Two lists beside the findings, not an object per finding.
 */
interface Hashed {
  ids: Array<readonly string[]>;
  segments: Array<readonly string[]>;
}

/**
 * Which of many hex digests may be there more than once: those whose first 24 bits are another's too. Two bitmaps of
 * those bits (seen, seen again) find them; a Map of every digest would find the repeats exactly, but cost ~0.35 s for
 * 300,000 findings, where the bitmaps leave ~2 % of them for one.
 */
function possiblyRepeated(digests: string[]): (index: number) => boolean {
  const once = new Uint8Array(1 << 21);
  const again = new Uint8Array(1 << 21);
  const bits = new Int32Array(digests.length);
  digests.forEach((digest, index) => {
    const value = Number.parseInt(digest.slice(0, 6), 16);
    bits[index] = value;
    const mask = 1 << (value & 7);
    if (once[value >> 3]! & mask) again[value >> 3]! |= mask;
    else once[value >> 3]! |= mask;
  });
  return (index) => (again[bits[index]! >> 3]! & (1 << (bits[index]! & 7))) !== 0;
}

/** Each distinct string's rank in sorted (UTF-16) order: sorting by rank is sorting by the string, compared once each. */
function ranks(values: string[]): Map<string, number> {
  return new Map([...new Set(values)].sort().map((value, rank) => [value, rank]));
}

/**
 * Findings in order of file, line, column, rule and message, each (rule, file, line, column, message) once: the first
 * problem that gave it. The sort compares numbers (ranks of files and rules, lines, columns) and reaches the message
 * only between findings at one place of one rule; ties fall back to the problem's order, so the first one leads its run
 * of equals and the rest are dropped.
 */
function sortedUnique(findings: Finding[]): number[] {
  const fileRanks = ranks(findings.map((finding) => finding.location.file));
  const ruleRanks = ranks(findings.map((finding) => finding.rule));
  // Filled by a loop: TypedArray.from with a function walks its source through the iterator protocol, several times slower.
  const file = new Int32Array(findings.length);
  const rule = new Int32Array(findings.length);
  const line = new Float64Array(findings.length);
  const column = new Float64Array(findings.length);
  findings.forEach((finding, index) => {
    file[index] = fileRanks.get(finding.location.file)!;
    rule[index] = ruleRanks.get(finding.rule)!;
    line[index] = finding.location.line;
    column[index] = finding.location.column;
  });
  const sameMessage = (a: number, b: number): number => {
    const [x, y] = [findings[a]!.message, findings[b]!.message];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const samePlace = (a: number, b: number): number => file[a]! - file[b]! || line[a]! - line[b]! || column[a]! - column[b]! || rule[a]! - rule[b]! || sameMessage(a, b);
  const order = Array.from(findings, (_, index) => index).sort((a, b) => samePlace(a, b) || a - b);
  return order.filter((index, at) => at === 0 || samePlace(order[at - 1]!, index) !== 0);
}

/**
 * Gives problems their configured severity, drops the ones turned off, and sorts them by file, line, column, rule. A
 * problem in a workbook sheet says where first, as the sheet names it (`B12: …`).
 * Each problem is made into its finding as it is read and not kept: the rules' problems are made as they are asked for,
 * so that 300,000 of them are never all alive at once beside their findings. With `pathOf` (how fingerprints hash a
 * finding's file), each finding gets its fingerprint; without, none (`''`): the run prints none.
 */
export function finalizeFindings(problems: Iterable<Problem>, config: ResolvedConfig, tree: Pick<SegmentTree, 'anyContains'>, pathOf?: FingerprintPath): Finding[] {
  const findings: Finding[] = [];
  const hashed: Hashed = { ids: [], segments: [] };
  const settingFor = settingsFor(config, tree);
  for (const problem of problems) {
    const rule = RULES_BY_ID.get(problem.rule);
    if (!rule) throw new Error(`internal: a problem names the unregistered rule ${problem.rule}`);
    const severity = problem.severity ?? settingFor(problem)?.severity ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    // One literal with every field (`at` or `after` undefined): adding one afterwards gave each finding a second object.
    findings.push({
      rule: problem.rule,
      severity,
      category: rule.category,
      message: problem.location.sheetRef === undefined ? problem.message : `${problem.location.sheetRef}: ${problem.message}`,
      location: problem.location,
      segments: sortedTexts(problem.segments ?? []),
      related: problem.related ?? [],
      ids: problem.ids ?? [],
      fingerprint: '',
      at: problem.at || undefined,
      after: problem.after,
    });
    if (pathOf) {
      hashed.ids.push(problem.ids ?? [problem.message]);
      hashed.segments.push(problem.segments ?? []);
    }
  }
  const kept = sortedUnique(findings);
  const sorted = kept.map((index) => findings[index]!);
  // Fingerprints (a hash each) only for the findings kept, in report order, so that alike problems count in file order.
  if (pathOf) fingerprints(sorted, { ids: kept.map((index) => hashed.ids[index]!), segments: kept.map((index) => hashed.segments[index]!) }, pathOf);
  return sorted;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The report order of sortedUnique, for two findings: file, line, column, rule, message. */
function reportOrder(a: Finding, b: Finding): number {
  const x = a.location;
  const y = b.location;
  return byText(x.file, y.file) || x.line - y.line || x.column - y.column || byText(a.rule, b.rule) || byText(a.message, b.message);
}

/** Two lists of findings, each in report order, as one (findings found after the others, about suppression comments). */
export function mergeFindings(first: Finding[], second: Finding[]): Finding[] {
  if (second.length === 0) return first;
  const merged: Finding[] = [];
  let j = 0;
  for (const finding of first) {
    while (j < second.length && reportOrder(second[j]!, finding) < 0) merged.push(second[j++]!);
    merged.push(finding);
  }
  while (j < second.length) merged.push(second[j++]!);
  return merged;
}
