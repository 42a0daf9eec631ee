// The suppressions file's text (src/engine/suppressions.ts reads it back).
import type { SuppressionEntry } from '../engine/suppressions.js';
import { safeJson } from './sanitize.js';

/**
 * The suppressions file's text: entries once each, sorted by file, rule and fingerprint, so that a diff of it shows
 * what changed; plan text escaped as in JSON reports (controls, bidi, `##[`), since a reviewer reads it in a diff.
 */
export function suppressionsText(entries: Iterable<SuppressionEntry>): string {
  const unique = new Map<string, SuppressionEntry>();
  for (const entry of entries) if (!unique.has(entry.fingerprint)) unique.set(entry.fingerprint, entry);
  const order = (a: SuppressionEntry, b: SuppressionEntry): number =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
  const suppressions = [...unique.values()].sort(order).map(({ fingerprint, rule, file, message }) => ({ fingerprint, rule, file, ...(message !== undefined ? { message } : {}) }));
  return `${safeJson(JSON.stringify({ version: 1, suppressions }, null, 2))}\n`;
}
