import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { Finding } from '../../src/findings/finding.js';

/** One calendar row: `day` days into March 2026 at 09:00 plus `hour`, to segment `segment`, of template `template`. */
interface Row {
  day: number;
  hour: number;
  segment: 'a' | 'b';
  template: 't1' | 't2' | 't3';
  id?: string;
}

const HEAD = [
  'segments:',
  '  - {id: a, timezone: UTC}',
  '  - {id: b, timezone: UTC, parent: a}',
  '  - {id: island, timezone: UTC}',
  'templates:',
  '  - {id: t1, channel: email, intent: promotion, offer: {id: o, value: "10%"}, content: {en: {body: "10% off"}}}',
  '  - {id: t2, channel: sms, intent: promotion, offer: {id: o, value: "20%"}, content: {en: {body: "20% off"}}}',
  '  - {id: t3, channel: email, intent: newsletter, status: draft, content: {en: {body: news}}}',
  '  - {id: lonely, channel: email, intent: newsletter, content: {en: {body: alone}}}',
  'calendar:',
];

const rowText = (row: Row): string =>
  `  - {${row.id ? `id: ${row.id}, ` : ''}date: "2026-03-${String(row.day).padStart(2, '0')}T${String(9 + row.hour).padStart(2, '0')}:00", segment: ${row.segment}, template: ${row.template}}`;

/** A row that cannot take part in any problem of the others: its own segment, template and month. */
const unrelatedText = '  - {date: "2026-09-15T10:00", segment: island, template: lonely}';

const rows = fc
  .uniqueArray(
    fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 8 }),
      segment: fc.constantFrom<'a' | 'b'>('a', 'b'),
      template: fc.constantFrom<'t1' | 't2' | 't3'>('t1', 't2', 't3'),
      id: fc.option(fc.constantFrom('r1', 'r2', 'r3', 'r4'), { nil: undefined }),
    }),
    // Distinct instants: at equal times, which send is "later" depends on the order in the file (SPEC 6).
    { selector: (row) => row.day * 24 + row.hour, minLength: 2, maxLength: 8 },
  )
  .map((list) => {
    const seen = new Set<string>();
    return list.map((row) => (row.id && !seen.has(row.id) && seen.add(row.id) ? row : { ...row, id: undefined }));
  });

const findings = (files: Record<string, string>): Finding[] => lintTexts(files).findings;

const plan = (lines: string[]): string => `${[...HEAD, ...lines].join('\n')}\n`;
/** What a finding says, apart from where its lines are. */
const meaning = (finding: Finding): string => `${finding.rule} ${finding.message.replace(/:\d+:\d+/g, '')} ${finding.segments.join(',')}`;
const byFingerprint = (list: Finding[]): Map<string, string> => new Map(list.map((finding) => [finding.fingerprint, meaning(finding)]));

function expectKept(before: Finding[], after: Finding[]): void {
  const now = byFingerprint(after);
  for (const finding of before) expect(now.get(finding.fingerprint), `${meaning(finding)} kept its fingerprint`).toBe(meaning(finding));
}

describe('fingerprint properties (SPEC 9)', () => {
  it('two findings of one run never share a fingerprint', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (list) => {
        const found = await findings({ 'plan.yaml': plan([...list, ...list.map((row) => ({ ...row, id: undefined }))].map(rowText)) });
        expect(new Set(found.map((finding) => finding.fingerprint)).size).toBe(found.length);
      }),
      { numRuns: 100 },
    );
  });

  it('inserting an unrelated row anywhere, or removing it, leaves every other fingerprint as it was', async () => {
    await fc.assert(
      fc.asyncProperty(rows, fc.nat(), async (list, at) => {
        const lines = list.map(rowText);
        const before = await findings({ 'plan.yaml': plan(lines) });
        const position = at % (lines.length + 1);
        const after = await findings({ 'plan.yaml': plan([...lines.slice(0, position), unrelatedText, ...lines.slice(position)]) });
        expectKept(before, after);
        expect(after).toHaveLength(before.length);
      }),
      { numRuns: 100 },
    );
  });

  it('moving rows within the file, or into another file, changes no fingerprint of a finding that stays in its file', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (list) => {
        const before = await findings({ 'plan.yaml': plan(list.map(rowText)) });
        const after = await findings({ 'plan.yaml': plan([...list].reverse().map(rowText)) });
        expectKept(before, after);
        // The first row moved to another file: every finding that does not point at it keeps its fingerprint.
        const [moved, ...kept] = list;
        const split = await findings({ 'plan.yaml': plan(kept.map(rowText)), 'more.yaml': `calendar:\n${rowText(moved!)}\n` });
        const movedLine = HEAD.length + 1;
        const pointsAtMoved = (finding: Finding): boolean =>
          finding.location.line === movedLine || finding.related.some((related) => related.file === 'plan.yaml' && related.line === movedLine);
        expectKept(before.filter((finding) => !pointsAtMoved(finding)), split);
      }),
      { numRuns: 100 },
    );
  });
});
