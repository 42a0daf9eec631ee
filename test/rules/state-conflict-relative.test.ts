import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers.js';

describe('state-conflict on a journey on its relative timeline', () => {
  it('judges each segment below the entry segment by its own initial states', async () => {
    const plan = `segments:
  - {id: lessees, timezone: America/Chicago, states: {lease: active}}
  - {id: former, parent: lessees, states: {lease: ended}}
templates:
  - {id: upg, channel: email, intent: upsell, requires: {lease: active}, content: {en-US: {body: upgrade}}}
journeys:
  - id: j
    entry: {segment: lessees, event: purchase}
    steps: [{send: upg}]
`;
    expect(await findingsOf('state-conflict', { 'plan.yaml': plan })).toEqual([
      {
        rule: 'state-conflict',
        file: 'plan.yaml',
        line: 9,
        column: 13,
        severity: 'error',
        message: 'upg (upsell, email) at purchase requires lease=active, but lease=ended (initial state of former) for segment former',
        segments: ['former'],
        after: { event: 'purchase', offset: 'P0D' },
      },
    ]);
  });
});
