import { describe, expect, it } from 'vitest';
import { lintFiles } from './helpers.js';

// A calendar row addressed to a segment and to its parent is one delivery to the customers of the child.
const plan = `segments:
  - {id: all, timezone: America/Chicago, consent: [email]}
  - {id: vip, parent: all}
templates:
  - {id: t1, channel: sms, intent: promotion, offer: {id: o, value: 10%, valid_until: 2026-06-30}, content: {en-US: {body: hi}}}
calendar:
  - {id: s1, date: 2026-07-10T22:30, segments: [all, vip], template: t1}
`;

describe('a row addressed to a segment and to its parent', () => {
  it('gives one finding per rule, listing both segments', async () => {
    const findings = await lintFiles({ 'plan.yaml': plan });
    expect(findings.map((f) => `${f.rule} ${f.location.line}:${f.location.column} ${f.segments.join(',')}`).sort()).toEqual([
      'expired-offer 7:5 all,vip',
      'no-consent 7:5 all,vip',
      'quiet-hours 7:5 all,vip',
    ]);
  });
});
