import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings/finding.js';
import { lintFiles } from './helpers.js';

/** A chain `depth` deep below s0 (consent: email), each level with `fields(index)`, and one sms send to s0. */
function smsToConsentingChain(depth: number, fields: (index: number) => string): string {
  const segments = ['segments:', `  - {id: s0, timezone: Europe/Paris, locales: [en-GB], consent: [email]${fields(0)}}`];
  for (let index = 1; index < depth; index += 1) segments.push(`  - {id: s${index}, parent: s${index - 1}${fields(index)}}`);
  const plan = [...segments, 'templates:', '  - {id: t, channel: sms, intent: newsletter, content: {en-GB: {body: hi}}}', 'calendar:', '  - {date: 2026-03-01, segment: s0, template: t}'];
  return `${plan.join('\n')}\n`;
}

describe('a parent chain 20,000 segments deep', () => {
  it('is linted: inheritance resolved, findings listing every segment once', async () => {
    const findings = await lintFiles({ 'plan.yaml': smsToConsentingChain(20_000, () => '') });
    // The sms send breaks the consent every segment inherits from s0: one finding, for all 20,000 segments.
    expect(findings.map((finding) => [finding.rule, finding.segments.length])).toEqual([['no-consent', 20_000]]);
  }, 60_000);
});

describe('a parent chain 10,000 segments deep where each level adds a state key', () => {
  it('is linted without copying the inherited states per level: each segment checked, one finding for all', async () => {
    // Every segment has states of its own, so none shares its parent's group: the rules see 10,000 segments.
    const findings = await lintFiles({ 'plan.yaml': smsToConsentingChain(10_000, (index) => `, states: {k${index}: v}`) });
    expect(findings.map((finding) => [finding.rule, finding.segments.length])).toEqual([['no-consent', 10_000]]);
  }, 20_000);
});

/** s0 ← s1 ← … ← s(depth-1), in UTC; `fields(index)` adds to a segment's flow mapping (`, states: {…}`). */
function chain(depth: number, fields: (index: number) => string = () => ''): string[] {
  const lines = ['segments:', `  - {id: s0, timezone: UTC${fields(0)}}`];
  for (let index = 1; index < depth; index += 1) lines.push(`  - {id: s${index}, parent: s${index - 1}${fields(index)}}`);
  return lines;
}

/** A rule's findings as [severity, message, number of segments]. */
const summary = (findings: Finding[], rule: string): Array<[string, string, number]> =>
  findings.filter((finding) => finding.rule === rule).map((finding) => [finding.severity, finding.message, finding.segments.length]);

describe('rules on a parent chain ask the tree whether a segment lies below another', () => {
  it('state-conflict names the segment whose states write the value, on the calendar and on a relative journey run alike', async () => {
    // Each level adds a state; s10 opens a case and s20 restates it; side and side2, below s5, each open one of their own.
    const plan = [
      ...chain(40, (index) => `, states: {k${index}: v${index === 10 || index === 20 ? ', service_case: open' : ''}}`),
      '  - {id: side, parent: s5, states: {service_case: open}}',
      '  - {id: side2, parent: s5, states: {service_case: open}}',
      'templates:',
      '  - {id: t, channel: email, intent: promotion, content: {en: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: t}',
      'journeys:',
      '  - {id: j, entry: {segment: s0, event: purchase}, steps: [{send: t}]}',
    ].join('\n');
    const findings = await lintFiles({ 'plan.yaml': `${plan}\n` });
    // One send, one finding: each segment that writes the state is a cause, named with the segments it holds for.
    const conflict = (when: string): string =>
      `t (promotion, email) ${when} forbids service_case=open (intent promotion), but service_case=open (initial state of s10) for segments s10, s11, s12 and 7 more; and ` +
      'service_case=open (initial state of s20) for segments s20, s21, s22 and 17 more; and service_case=open (initial state of side) for segment side; and ' +
      'service_case=open (initial state of side2) for segment side2';
    expect(summary(findings, 'state-conflict')).toEqual([
      ['error', conflict('on 2026-03-01 09:00 UTC'), 32],
      ['error', conflict('at purchase'), 32],
    ]);
    const causes = findings.filter((finding) => finding.rule === 'state-conflict').map((finding) => finding.related.map((place) => place.line));
    expect(causes).toEqual([
      [12, 22, 42, 43],
      [12, 22, 42, 43],
    ]);
  });

  it('missing-message: a journey entered further down delivers the message to the segments below it only', async () => {
    const plan = [
      ...chain(40),
      'templates:',
      '  - {id: t, channel: email, intent: newsletter, content: {en: {body: hi}}}',
      '  - {id: w, channel: email, intent: welcome, content: {en: {body: hi}}}',
      'journeys:',
      '  - {id: news, entry: {segment: s0, event: signup}, steps: [{send: t}]}',
      '  - {id: welcome, entry: {segment: s20, event: signup}, steps: [{send: w}]}',
    ].join('\n');
    expect(summary(await lintFiles({ 'plan.yaml': `${plan}\n` }), 'missing-message')).toEqual([
      ['error', 'journey news is entered on signup but sends no welcome message within P1D after signup on every path, for segments s0, s1, s10 and 17 more', 20],
    ]);
  });

  it('unanswered-reply: a reply journey entered further down answers the segments below it only', async () => {
    const plan = [
      ...chain(40),
      'templates:',
      '  - {id: q, channel: email, intent: survey, expects_reply: true, content: {en: {body: hi}}}',
      '  - {id: a, channel: email, intent: service, content: {en: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: q}',
      'journeys:',
      '  - {id: answer, entry: {segment: s20, event: replied}, steps: [{send: a}]}',
    ].join('\n');
    expect(summary(await lintFiles({ 'plan.yaml': `${plan}\n` }), 'unanswered-reply')).toEqual([
      ['error', 'q (survey, email) asks the customer to reply, but nothing answers within P2D: no journey entered on replied answers segments s0, s1, s10 and 17 more in time', 20],
    ]);
  });

  it('overrides: options apply to the segment named and those below it; a severity, to a finding that lists one of them', async () => {
    const plan = [
      ...chain(40, (index) => (index === 0 ? ', consent: [email], events: {signup: 2026-03-01}' : '')),
      '  - {id: other, timezone: UTC}',
      'templates:',
      '  - {id: t, channel: sms, intent: newsletter, content: {en: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: t}',
    ].join('\n');
    const config = [
      'overrides:',
      '  - segments: [s30]',
      '    rules: {missing-message: [warning, {expect: [{after: signup, within: P2D, intent: welcome}]}]}',
      '  - segments: [s20]',
      '    rules: {no-consent: warning}',
      '  - segments: [other]',
      '    rules: {no-consent: info}',
    ].join('\n');
    const findings = await lintFiles({ 'plan.yaml': `${plan}\n`, 'cxlint.config.yaml': `${config}\n` });
    expect(summary(findings, 'missing-message')).toEqual([
      ['error', 'no welcome message within P1D after signup on 2026-03-01 for segments s0, s1, s10 and 27 more', 30],
      ['warning', 'no welcome message within P2D after signup on 2026-03-01 for segments s30, s31, s32 and 7 more', 10],
    ]);
    expect(summary(findings, 'no-consent').map(([severity, , segments]) => [severity, segments])).toEqual([['warning', 40]]);
  });
});
