import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { lines, local, pathsOf, relativeLines, timelinesOf, yaml } from './helpers.js';

/** Segment `s` in Paris (UTC+2 in May), lease active, a purchase on 2026-05-04 (which sets no state); then `journey`. */
const plan = (...journey: string[]): string =>
  yaml(
    'segments:',
    '  - id: s',
    '    timezone: Europe/Paris',
    '    states: {lease: active}',
    '    events: {purchase: 2026-05-04, lease_end: 2026-05-20}',
    'journeys:',
    '  - id: j',
    '    entry: {segment: s, event: purchase}',
    '    steps:',
    ...journey.map((line) => `      ${line}`),
  );

describe('journey steps on an absolute timeline (SPEC 4.5, 5)', () => {
  it('send, wait a duration (calendar days, exact hours), and the last step ends the journey', () => {
    const timelines = timelinesOf(plan('- send: a', '- wait: P2D', '- send: b', '- wait: 36h', '- send: c'));
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:step 1[0-0]',
      '2026-05-06T09:00+02:00 b segment j:step 3[0-0]',
      '2026-05-07T21:00+02:00 c segment j:step 5[0-0]',
    ]);
    const run = timelines.runsFor('s')[0]!;
    expect([run.paths, run.truncated, run.relative, local(run.start)]).toEqual([1, false, false, '2026-05-04T09:00+02:00']);
  });

  it('the entry offset moves the start; a negative one starts before the event', () => {
    const text = plan('- send: a').replace('event: purchase}', 'event: lease_end, offset: -P7D}');
    expect(lines(timelinesOf(text), 's')).toEqual(['2026-05-13T09:00+02:00 a segment j:step 1[0-0]']);
  });

  it('waits until an event the segment has, with and without an offset; the event changes the states at 00:00', () => {
    const timelines = timelinesOf(
      plan(
        '- send: a',
        '- wait: {until: {event: lease_end, offset: -P3D}}',
        '- send: b',
        '- wait: {until: {event: lease_end}}',
        '- send: c',
        '- wait: {until: {event: lease_end, offset: 2d}}',
        '- send: d',
        '- wait: {until: {event: purchase}}',
        '- send: e',
      ),
    );
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:step 1[0-0]',
      '2026-05-17T09:00+02:00 b segment j:step 3[0-0]',
      '2026-05-20T09:00+02:00 c segment j:step 5[0-0] {lease: active → ended}',
      '2026-05-22T09:00+02:00 d segment j:step 7[0-0]',
      // A wait until a moment already past does not wait.
      '2026-05-22T09:00+02:00 e segment j:step 9[0-0]',
    ]);
    expect(timelines.statesAt('s', DateTime.fromISO('2026-05-19T23:59', { zone: 'Europe/Paris' }).toMillis()).lease).toBe('active');
    expect(timelines.statesAt('s', DateTime.fromISO('2026-05-20T00:00', { zone: 'Europe/Paris' }).toMillis()).lease).toBe('ended');
  });

  it('waits for ever until an event the segment does not have: the path ends there', () => {
    const timelines = timelinesOf(plan('- send: a', '- wait: {until: {event: vehicle_returned}}', '- send: b'));
    expect(lines(timelines, 's')).toEqual(['2026-05-04T09:00+02:00 a segment j:step 1[0-0]']);
    expect(timelines.runsFor('s')[0]!.paths).toBe(1);
  });

  const eventBranch = [
    '- send: a',
    '- branch:',
    '    - when: {event: case_opened, within: P2D}',
    '      next: yes',
    '    - otherwise: true',
    '      next: no',
    '- id: yes',
    '  send: b',
    '  next: done',
    '- id: no',
    '  send: c',
    '- id: done',
    '  send: d',
  ];

  it('a branch on an event: the event path goes on at once (with its states), otherwise resumes after within', () => {
    const timelines = timelinesOf(plan(...eventBranch));
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:step 1[0-1]',
      '2026-05-04T09:00+02:00 b segment j:yes[0-0] {service_case: ∅ → open}',
      '2026-05-04T09:00+02:00 d segment j:done[0-0]',
      // Each line shows what changed since the line above; a state that only the other path had is not listed.
      '2026-05-06T09:00+02:00 c segment j:no[1-1]',
      '2026-05-06T09:00+02:00 d segment j:done[1-1]',
    ]);
    const run = timelines.runsFor('s')[0]!;
    expect(run.paths).toBe(2);
    expect(run.changes.map((change) => [change.cause.kind, local(change.time!), change.states, 'paths' in change.cause ? change.cause.paths : undefined])).toEqual([
      ['assumed-event', '2026-05-04T09:00+02:00', { service_case: 'open' }, { first: 0, last: 0 }],
    ]);
  });

  it('a branch on an event without otherwise: only the event path goes on', () => {
    const timelines = timelinesOf(plan(...eventBranch.filter((line) => !line.includes('otherwise') && line !== '      next: no')));
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:step 1[0-0]',
      '2026-05-04T09:00+02:00 b segment j:yes[0-0] {service_case: ∅ → open}',
      '2026-05-04T09:00+02:00 d segment j:done[0-0]',
    ]);
    expect(timelines.runsFor('s')[0]!.paths).toBe(1);
  });

  it('several event options: one path each, and otherwise resumes after the longest within', () => {
    const timelines = timelinesOf(
      plan(
        '- branch:',
        '    - when: {event: clicked, within: P1D}',
        '      next: x',
        '    - when: {event: replied, within: P3D}',
        '      next: y',
        '    - otherwise: true',
        '      next: z',
        '- id: x',
        '  send: a',
        '  next: end',
        '- id: y',
        '  send: b',
        '  next: end',
        '- id: z',
        '  send: c',
        '- id: end',
        '  exit: true',
      ),
    );
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:x[0-0]',
      '2026-05-04T09:00+02:00 b segment j:y[1-1]',
      '2026-05-07T09:00+02:00 c segment j:z[2-2]',
    ]);
  });

  it('a branch on a state takes the first option the path’s states match, else otherwise', () => {
    const branch = [
      '- branch:',
      '    - when: {state: {lease: ended}}',
      '      next: x',
      '    - when: {state: {lease: [active, ended]}}',
      '      next: y',
      '    - otherwise: true',
      '      next: z',
      '- id: x',
      '  send: a',
      '  next: end',
      '- id: y',
      '  send: b',
      '  next: end',
      '- id: z',
      '  send: c',
      '- id: end',
      '  exit: true',
    ];
    expect(lines(timelinesOf(plan(...branch)), 's')).toEqual(['2026-05-04T09:00+02:00 b segment j:y[0-0]']);
    // After lease_end (2026-05-20), the segment's own state decides.
    const late = timelinesOf(plan('- wait: P20D', ...branch));
    expect(lines(late, 's')).toEqual(['2026-05-24T09:00+02:00 a segment j:x[0-0] {lease: active → ended}']);
    // A `set` on the path decides too; and no option matching falls to otherwise.
    const set = timelinesOf(plan('- set: {lease: paused}', ...branch));
    expect(lines(set, 's')).toEqual(['2026-05-04T09:00+02:00 c segment j:z[0-0] {lease: active → paused}']);
  });

  it('a branch on a state with no option that matches and no otherwise: the customer stops there (still one path)', () => {
    const timelines = timelinesOf(plan('- send: a', '- branch:', '    - when: {state: {lease: ended}}', '      next: x', '- id: x', '  send: b'));
    expect(lines(timelines, 's')).toEqual(['2026-05-04T09:00+02:00 a segment j:step 1[0-0]']);
    expect(timelines.runsFor('s')[0]!.paths).toBe(1);
  });

  it('set changes the states on its path from that moment; exit ends the journey', () => {
    const timelines = timelinesOf(plan('- send: a', '- set: {tier: gold, lease: renewed}', '- wait: PT2H', '- send: b', '- exit: true', '- send: c'));
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:step 1[0-0]',
      '2026-05-04T11:00+02:00 b segment j:step 4[0-0] {lease: active → renewed, tier: ∅ → gold}',
    ]);
    // The segment's own states do not change: a `set` holds on its journey path only.
    const at = DateTime.fromISO('2026-05-05T00:00', { zone: 'Europe/Paris' }).toMillis();
    expect({ ...timelines.statesAt('s', at) }).toEqual({ lease: 'active' });
    expect({ ...timelines.statesAt('s', at, { run: timelines.runsFor('s')[0]!, path: 0 }) }).toEqual({ lease: 'renewed', tier: 'gold' });
  });

  it('explicit next jumps (forwards), implicit next is the step below', () => {
    const timelines = timelinesOf(plan('- send: a', '  next: three', '- send: b', '- id: three', '  send: c', '- send: d'));
    expect(lines(timelines, 's').map((line) => line.split(' ')[1])).toEqual(['a', 'c', 'd']);
  });
});

describe('statesAt on a journey path', () => {
  it('a set step on one branch does not change the states on the other branch', () => {
    const timelines = timelinesOf(
      plan(
        '- branch:',
        '    - when: {event: clicked, within: P1D}',
        '      next: gold',
        '    - otherwise: true',
        '      next: plain',
        '- id: gold',
        '  set: {tier: gold}',
        '  next: mail',
        '- id: plain',
        '  send: b',
        '- id: mail',
        '  send: a',
      ),
    );
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:mail[0-0] {tier: ∅ → gold}',
      '2026-05-05T09:00+02:00 b segment j:plain[1-1]',
      '2026-05-05T09:00+02:00 a segment j:mail[1-1]',
    ]);
    const run = timelines.runsFor('s')[0]!;
    const later = DateTime.fromISO('2026-05-10T00:00', { zone: 'Europe/Paris' }).toMillis();
    expect(timelines.statesAt('s', later, { run, path: 0 }).tier).toBe('gold');
    expect(timelines.statesAt('s', later, { run, path: 1 }).tier).toBeUndefined();
    expect(timelines.statesAt('s', later).tier).toBeUndefined();
    // Before the set, not even path 0 has it.
    expect(timelines.statesAt('s', DateTime.fromISO('2026-05-04T08:59', { zone: 'Europe/Paris' }).toMillis(), { run, path: 0 }).tier).toBeUndefined();
  });
});

describe('loops', () => {
  it('a loop with a wait unrolls until the end of the horizon, then stops', () => {
    const timelines = timelinesOf(
      plan(
        '- id: top',
        '  send: a',
        '- wait: P30D',
        '- branch:',
        '    - when: {event: purchased, within: P7D}',
        '      next: done',
        '    - otherwise: true',
        '      next: top',
        '- id: done',
        '  exit: true',
      ),
    );
    // Horizon: 2026-05-04 (purchase) … 2026-05-20 (lease_end) + P90D = 2026-08-18 end of day.
    expect(local(timelines.horizon.end)).toBe('2026-08-18T23:59+02:00');
    expect(lines(timelines, 's')).toEqual([
      '2026-05-04T09:00+02:00 a segment j:top[0-3]',
      '2026-06-10T09:00+02:00 a segment j:top[1-3] {lease: active → ended}',
      '2026-07-17T09:00+02:00 a segment j:top[2-3]',
    ]);
    const run = timelines.runsFor('s')[0]!;
    expect([run.paths, run.truncated]).toEqual([4, false]);
  });

  it('a loop without a wait terminates', () => {
    const timelines = timelinesOf(plan('- id: top', '  send: a', '- set: {tier: gold}', '  next: top'));
    const run = timelines.runsFor('s')[0]!;
    expect(run.paths).toBe(1);
    expect(run.sends.length).toBeLessThanOrEqual(3);
  });

  it('a loop that doubles its paths on every turn stops at maxPaths and says so', () => {
    const text = plan(
      '- id: top',
      '  send: a',
      '- wait: P1D',
      '- branch:',
      '    - when: {event: clicked, within: PT1H}',
      '      next: top',
      '    - otherwise: true',
      '      next: top',
    );
    const timelines = timelinesOf(text, { maxPaths: 16 });
    const run = timelines.runsFor('s')[0]!;
    expect([run.paths, run.truncated]).toEqual([16, true]);
    const full = timelinesOf(text);
    expect([full.runsFor('s')[0]!.paths, full.runsFor('s')[0]!.truncated]).toEqual([256, true]);
    // Every recorded send names paths that exist.
    for (const send of full.runsFor('s')[0]!.sends) expect(Number(pathsOf(send).split('-')[1])).toBeLessThan(256);
  });
});

describe('relative timelines (SPEC 5.2)', () => {
  const relative = yaml(
    'segments:',
    '  - id: lessees',
    '    timezone: America/Chicago',
    '    states: {lease: active}',
    '  - id: june',
    '    parent: lessees',
    '    events: {lease_end: 2026-06-30}',
    'calendar:',
    '  - {date: 2026-07-05, segment: lessees, template: e}',
    'journeys:',
    '  - id: j',
    '    entry: {segment: lessees, event: lease_end, offset: -P10D}',
    '    steps:',
    '      - send: a',
    '      - wait: P10D',
    '      - send: b',
    '      - wait: PT36H',
    '      - send: c',
  );

  it('a segment with no date for the entry event gets no absolute sends; the journey runs once, with T = the event', () => {
    const timelines = timelinesOf(relative);
    expect(lines(timelines, 'lessees')).toEqual(['2026-07-05T09:00-05:00 e segment']);
    expect(timelines.relativeRuns.map((run) => [run.journey.id, run.relative, run.paths])).toEqual([['j', true, 1]]);
    expect(relativeLines(timelines)).toEqual({
      j: ['T-10d a segment j:step 1[0-0]', 'T+0d b segment j:step 3[0-0] {lease: active → ended}', 'T+1d 12h c segment j:step 5[0-0]'],
    });
    // T stands at the default send time; the trigger's states apply from T, on the run's own timeline.
    const run = timelines.relativeRuns[0]!;
    expect(run.trigger!.toFormat('HH:mm')).toBe('09:00');
    expect(timelines.statesAt('lessees', run.trigger!.toMillis() - 1, { run, path: 0 }).lease).toBe('active');
    expect(timelines.statesAt('lessees', run.trigger!.toMillis(), { run, path: 0 }).lease).toBe('ended');
  });

  it('a child with the date gets the journey at absolute times, merged with the calendar', () => {
    expect(lines(timelinesOf(relative), 'june')).toEqual([
      '2026-06-20T09:00-05:00 a segment j:step 1[0-0]',
      '2026-06-30T09:00-05:00 b segment j:step 3[0-0] {lease: active → ended}',
      '2026-07-01T21:00-05:00 c segment j:step 5[0-0]',
      '2026-07-05T09:00-05:00 e ancestor(lessees)',
    ]);
  });
});
