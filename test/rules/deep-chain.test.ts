import { describe, expect, it } from 'vitest';
import { lintFiles } from './helpers.js';

describe('a parent chain 20,000 segments deep', () => {
  it('is linted in linear time: inheritance resolved, findings listing every segment once', async () => {
    const segments = ['segments:', '  - {id: s0, timezone: Europe/Paris, locales: [en-GB], consent: [email]}'];
    for (let index = 1; index < 20_000; index += 1) segments.push(`  - {id: s${index}, parent: s${index - 1}}`);
    const plan = [
      ...segments,
      'templates:',
      '  - {id: t, channel: sms, intent: newsletter, content: {en-GB: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: t}',
    ].join('\n');
    const started = performance.now();
    const findings = await lintFiles({ 'plan.yaml': `${plan}\n` });
    expect(performance.now() - started).toBeLessThan(20_000);
    // The sms send breaks the consent every segment inherits from s0: one finding, for all 20,000 segments.
    expect(findings.map((finding) => [finding.rule, finding.segments.length])).toEqual([['no-consent', 20_000]]);
  }, 60_000);
});

describe('a parent chain 10,000 segments deep where each level adds a state key', () => {
  it('is linted without copying the inherited states per level: each segment checked, one finding for all', async () => {
    const segments = ['segments:', '  - {id: s0, timezone: Europe/Paris, locales: [en-GB], consent: [email], states: {k0: v}}'];
    for (let index = 1; index < 10_000; index += 1) segments.push(`  - {id: s${index}, parent: s${index - 1}, states: {k${index}: v}}`);
    const plan = [
      ...segments,
      'templates:',
      '  - {id: t, channel: sms, intent: newsletter, content: {en-GB: {body: hi}}}',
      'calendar:',
      '  - {date: 2026-03-01, segment: s0, template: t}',
    ].join('\n');
    // Every segment has states of its own, so none shares its parent's group: the rules see 10,000 segments.
    const findings = await lintFiles({ 'plan.yaml': `${plan}\n` });
    expect(findings.map((finding) => [finding.rule, finding.segments.length])).toEqual([['no-consent', 10_000]]);
  }, 20_000);
});
