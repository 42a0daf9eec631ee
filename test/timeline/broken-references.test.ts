// No cascades from a broken reference (SPEC 5): a send whose template, segment or channel is an unknown-reference is
// reported once, by the model, and left out of the timelines, so that no rule reports its consequences.
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { sharedPlaces } from '../one-finding.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Every finding of a plan (one file), as `line rule message`. */
function findings(...text: string[]): string[] {
  const found = lintTexts({ 'plan.yaml': lines(...text) }, {}).findings;
  expect(sharedPlaces(found)).toEqual([]);
  return found.map((finding) => `${finding.location.line} ${finding.rule} ${finding.message}`);
}

const head = [
  'segments: [{id: a, timezone: UTC}]',
  'templates:',
  '  - {id: t, channels: [email, push], intent: promotion}',
  '  - {id: u, channel: email, intent: promotion}',
];

describe('a send with a broken reference is reported once and left out of the timelines', () => {
  it('a channel its template does not list: no duplicate of the other send', () => {
    expect(findings(...head, 'calendar:', '  - {date: 2026-06-02T10:00, segment: a, template: t, channel: email}', '  - {date: 2026-06-03T10:00, segment: a, template: t, channel: sms}')).toEqual([
      '7 unknown-reference template "t" has no channel "sms"; its channels are email, push',
    ]);
  });

  it('a channel the vocabulary does not know', () => {
    expect(findings(...head, 'calendar:', '  - {date: 2026-06-02T10:00, segment: a, template: u}', '  - {date: 2026-06-03T10:00, segment: a, template: u, channel: emial}')).toEqual([
      expect.stringMatching(/^7 unknown-reference unknown channel "emial"; did you mean "email"\?/) as unknown as string,
    ]);
  });

  it('an unknown template: two sends of it are no duplicate', () => {
    expect(findings(...head, 'calendar:', '  - {date: 2026-06-02T10:00, segment: a, template: v}', '  - {date: 2026-06-03T10:00, segment: a, template: v}')).toEqual([
      '6 unknown-reference unknown template "v"; did you mean "t"?',
      '7 unknown-reference unknown template "v"; did you mean "t"?',
    ]);
  });

  it('an unknown segment among several: the whole row is left out', () => {
    expect(findings(...head, 'calendar:', '  - {date: 2026-06-02T10:00, segment: a, template: u}', '  - {date: 2026-06-03T10:00, segments: [a, b], template: u}')).toEqual([
      '7 unknown-reference unknown segment "b"; did you mean "a"?',
    ]);
  });

  it('a journey step that sends an unknown template sends nothing; the journey runs on', () => {
    const journey = ['journeys:', '  - {id: j, entry: {segment: a, date: 2026-06-02}, steps: [{send: v}, {send: u}]}'];
    expect(findings(...head, 'calendar:', '  - {date: 2026-06-02T10:00, segment: a, template: u}', ...journey)).toEqual([
      '6 duplicate-message u (promotion, email) on 2026-06-02 10:00 UTC repeats the same template (email) sent to segment a on 2026-06-02 09:00 UTC, 1h earlier (window P7D)',
      '8 unknown-reference unknown template "v"; did you mean "t"?',
    ]);
  });

  it('a step whose next names no step: the unknown-reference alone; the journey is not built (no unreachable step, no sends)', () => {
    const journey = ['journeys:', '  - {id: j, entry: {segment: a, date: 2026-06-02}, steps: [{send: u, next: nowhere}, {exit: true}]}'];
    expect(findings(...head, 'calendar:', '  - {date: 2026-06-02T10:00, segment: a, template: u}', ...journey)).toEqual([
      expect.stringMatching(/^8 unknown-reference journey "j" has no step "nowhere"/) as unknown as string,
    ]);
  });
});
