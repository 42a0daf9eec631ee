import { describe, expect, it } from 'vitest';
import { edgesOf } from '../../src/model/journey-graph.js';
import { model, yaml } from './helpers.js';

const HOUR = 3_600_000;

describe('the edges of a journey’s steps (one reading for every journey rule)', () => {
  const { plan } = model({
    'plan.yaml': yaml(
      'segments: [{id: s}]',
      'templates: [{id: t, channel: email, intent: newsletter}]',
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - send: t',
      '      - wait: PT36H',
      '      - wait: {until: {event: lease_end}}',
      '      - branch:',
      '          - {when: {event: opened, within: P1D}, next: done}',
      '          - {when: {event: clicked, within: PT2H}, next: done}',
      '          - {when: {state: {member: active}}, next: done}',
      '          - {otherwise: true, next: done}',
      '      - {id: done, exit: true}',
    ),
  });
  const steps = plan.journeys.get('j')!.steps;

  it('a send or a set goes on at once; a wait takes its duration; a wait until an event has no delay of its own; an exit ends', () => {
    expect(edgesOf(steps[0]!)).toEqual([{ to: 1, kind: 'next', delay: 0, waitsForCustomer: false }]);
    expect(edgesOf(steps[1]!)).toEqual([{ to: 2, kind: 'next', delay: 36 * HOUR, waitsForCustomer: false }]);
    expect(edgesOf(steps[2]!)).toEqual([{ to: 3, kind: 'next', delay: undefined, waitsForCustomer: false }]);
    expect(edgesOf(steps[4]!)).toEqual([{ to: 'end', kind: 'next', delay: 0, waitsForCustomer: false }]);
  });

  it('a branch: event options at once (the customer acting later), a state option at once, otherwise after the longest within', () => {
    expect(edgesOf(steps[3]!)).toEqual([
      { to: 4, kind: 'event', delay: 0, waitsForCustomer: true },
      { to: 4, kind: 'event', delay: 0, waitsForCustomer: true },
      { to: 4, kind: 'state', delay: 0, waitsForCustomer: false },
      { to: 4, kind: 'otherwise', delay: 24 * HOUR, waitsForCustomer: false },
    ]);
  });
});
