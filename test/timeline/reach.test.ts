import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { model } from '../model/helpers.js';
import { buildTimelines } from '../../src/timeline/build.js';
import { SETTINGS, TEMPLATES, lines, local, timelinesOf, yaml } from './helpers.js';

describe('inheritance through three levels (SPEC 4.1, 5)', () => {
  const text = yaml(
    'segments:',
    '  - id: root',
    '    timezone: America/New_York',
    '    states: {lease: active, service_case: closed}',
    '    events: {signup: 2026-05-01}',
    '  - id: mid',
    '    parent: root',
    '    events: {lease_end: 2026-06-30}',
    '  - id: leaf',
    '    parent: mid',
    '    states: {service_case: open}',
    '    events: {signup: 2026-05-10}',
    'calendar:',
    '  - {date: 2026-07-01, segment: root, template: a}',
    '  - {date: 2026-07-02, segment: mid, template: b}',
    '  - {date: 2026-07-03, segment: leaf, template: c}',
    '  - {date: 2026-06-30T00:00, segment: root, template: d}',
  );

  it('a grandchild’s timeline holds the sends to its ancestors, in its inherited zone, with its own states', () => {
    const timelines = timelinesOf(text);
    expect(timelines.zoneOf('leaf')).toBe('America/New_York');
    expect(lines(timelines, 'leaf')).toEqual([
      // The first line shows every change since the initial states: signup (leaf's own date) and lease_end (mid's),
      // which at 00:00 local applies to a send at that very instant.
      '2026-06-30T00:00-04:00 d ancestor(root) {lease: active → ended, member: ∅ → active}',
      '2026-07-01T09:00-04:00 a ancestor(root)',
      '2026-07-02T09:00-04:00 b ancestor(mid)',
      '2026-07-03T09:00-04:00 c segment',
    ]);
    expect(lines(timelines, 'root')).toEqual(['2026-06-30T00:00-04:00 d segment {member: ∅ → active}', '2026-07-01T09:00-04:00 a segment']);
    expect(lines(timelines, 'mid').map((line) => line.split(' ').slice(1, 3).join(' '))).toEqual(['d ancestor(root)', 'a ancestor(root)', 'b segment']);
  });

  it('states and events merge key by key, the child’s winning', () => {
    const timelines = timelinesOf(text);
    const at = (date: string) => DateTime.fromISO(date, { zone: 'America/New_York' }).toMillis();
    expect({ ...timelines.statesAt('leaf', at('2026-05-09T12:00')) }).toEqual({ lease: 'active', service_case: 'open' });
    expect({ ...timelines.statesAt('leaf', at('2026-05-10T00:00')) }).toEqual({ lease: 'active', service_case: 'open', member: 'active' });
    expect({ ...timelines.statesAt('leaf', at('2026-07-01T00:00')) }).toEqual({ lease: 'ended', service_case: 'open', member: 'active' });
    expect({ ...timelines.statesAt('mid', at('2026-05-09T12:00')) }).toEqual({ lease: 'active', service_case: 'closed', member: 'active' });
    expect({ ...timelines.statesAt('root', at('2026-07-01T00:00')) }).toEqual({ lease: 'active', service_case: 'closed', member: 'active' });
  });

  it('sends are placed under the segment they address; a parent’s are made once and shared by the timelines under it', () => {
    const timelines = timelinesOf(text);
    expect(['root', 'mid', 'leaf'].map((id) => timelines.addressedTo(id).map((send) => send.template))).toEqual([['d', 'a'], ['b'], ['c']]);
    expect(timelines.timeline('leaf')[1]!.send).toBe(timelines.timeline('root')[1]!.send);
    expect(timelines.addressedTo('mid')[0]).toBe(timelines.addressedTo('mid')[0]);
  });

  it('a segment no other timeline reads gets its deliveries made for each read, not held for the whole run', () => {
    const timelines = timelinesOf(text);
    const [first, second] = [timelines.addressedTo('leaf'), timelines.addressedTo('leaf')];
    expect(second.map((send) => [send.template, send.millis])).toEqual(first.map((send) => [send.template, send.millis]));
    expect(second[0]).not.toBe(first[0]);
  });
});

describe('overlaps (SPEC 4.1)', () => {
  const text = yaml(
    'segments:',
    '  - {id: vip, overlaps: [lessees]}',
    '  - {id: lessees}',
    '  - {id: june, parent: lessees}',
    '  - {id: other}',
    'calendar:',
    '  - {date: 2026-05-01, segment: vip, template: a}',
    '  - {date: 2026-05-02, segment: lessees, template: b}',
    '  - {date: 2026-05-03, segment: june, template: c}',
    '  - {date: 2026-05-04, segment: other, template: d}',
  );

  it('are symmetric and marked via overlap; they reach the declared segment only', () => {
    const timelines = timelinesOf(text);
    expect(lines(timelines, 'vip')).toEqual(['2026-05-01T09:00Z a segment', '2026-05-02T09:00Z b overlap(lessees)']);
    expect(lines(timelines, 'lessees')).toEqual(['2026-05-01T09:00Z a overlap(vip)', '2026-05-02T09:00Z b segment']);
    expect(lines(timelines, 'june')).toEqual(['2026-05-02T09:00Z b ancestor(lessees)', '2026-05-03T09:00Z c segment']);
    expect(lines(timelines, 'other')).toEqual(['2026-05-04T09:00Z d segment']);
  });

  it('an overlap with an ancestor does not bring its sends twice', () => {
    const timelines = timelinesOf(text.replace('{id: june, parent: lessees}', '{id: june, parent: lessees, overlaps: [lessees]}'));
    expect(lines(timelines, 'june')).toEqual(['2026-05-02T09:00Z b ancestor(lessees)', '2026-05-03T09:00Z c segment']);
    expect(lines(timelines, 'lessees')).toEqual(['2026-05-01T09:00Z a overlap(vip)', '2026-05-02T09:00Z b segment', '2026-05-03T09:00Z c overlap(june)']);
  });
});

describe('segmentGroups', () => {
  it('puts look-alike children with their parent and separates a child with its own send, states or overlap', () => {
    const timelines = timelinesOf(
      yaml(
        'segments:',
        '  - {id: p, states: {lease: active}}',
        '  - {id: c1, parent: p}',
        '  - {id: c2, parent: p}',
        '  - {id: g1, parent: c1}',
        '  - {id: own-send, parent: p}',
        '  - {id: own-states, parent: p, states: {lease: ended}}',
        '  - {id: own-event, parent: p, events: {signup: 2026-05-01}}',
        '  - {id: g2, parent: own-states}',
        '  - {id: q}',
        '  - {id: q1, parent: q, overlaps: [p]}',
        'calendar:',
        '  - {date: 2026-05-01, segment: p, template: a}',
        '  - {date: 2026-05-02, segment: own-send, template: b}',
      ),
    );
    const groups = timelines.segmentGroups().map((group) => `${group.representative}: ${group.segments.join(' ')}`);
    expect(groups.sort()).toEqual(['own-event: own-event', 'own-send: own-send', 'own-states: g2 own-states', 'p: c1 c2 g1 p', 'q1: q1', 'q: q']);
  });

  it('a child whose journey run differs from its parent’s gets its own group', () => {
    const timelines = timelinesOf(
      yaml(
        'segments:',
        '  - {id: p, events: {purchase: 2026-05-01}}',
        '  - {id: same, parent: p}',
        '  - {id: later, parent: p, events: {purchase: 2026-06-01}}',
        'journeys:',
        '  - id: j',
        '    entry: {segment: p, event: purchase}',
        '    steps: [{send: a}]',
      ),
    );
    expect(timelines.segmentGroups().map((group) => group.segments)).toEqual([['p', 'same'], ['later']]);
    expect(timelines.runsFor('same')[0]).toBe(timelines.runsFor('p')[0]);
  });
});

describe('the horizon (SPEC 3.4)', () => {
  const text = yaml(
    'segments:',
    '  - {id: s, timezone: Europe/Paris, events: {lease_end: 2026-06-30}}',
    'calendar:',
    '  - {date: 2026-05-04T10:00, segment: s, template: a}',
    '  - {date: 2026-07-05, segment: s, template: b}',
  );

  it('runs from the earliest dated thing (start of its day) to the latest plus horizonPadding (end of day)', () => {
    const timelines = timelinesOf(text);
    expect([local(timelines.horizon.start), local(timelines.horizon.end)]).toEqual(['2026-05-04T00:00+02:00', '2026-10-03T23:59+02:00']);
    expect(local(timelinesOf(text, { horizonPadding: 'P10D' }).horizon.end)).toBe('2026-07-15T23:59+02:00');
  });

  it('counts journey entries moved back by a negative offset, offers’ validity and entry dates', () => {
    const journey = yaml(
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: lease_end, offset: -P180D}',
      '    steps: [{send: a}]',
      '  - id: k',
      '    entry: {segment: s, date: 2027-01-10}',
      '    steps: [{send: b}]',
    );
    const timelines = timelinesOf(text + journey);
    expect([local(timelines.horizon.start), local(timelines.horizon.end)]).toEqual(['2026-01-01T00:00+01:00', '2027-04-10T23:59+02:00']);
    expect(lines(timelines, 's')[0]).toBe('2026-01-01T09:00+01:00 a segment j:step 1[0-0]');
    const offer = model({ 'plan.yaml': text, 'templates.yaml': yaml('templates:', '  - {id: a, channel: email}', '  - {id: b, channel: email, offer: {id: o, valid_from: 2026-01-15, valid_until: 2026-12-31}}') });
    expect(offer.problems).toEqual([]);
    const withOffer = buildTimelines(offer.plan, SETTINGS);
    // An offer's dates are read in the config's zone (UTC here).
    expect([local(withOffer.horizon.start), local(withOffer.horizon.end)]).toEqual(['2026-01-15T00:00Z', '2027-03-31T23:59Z']);
  });

  it('--from and --to replace either end, and sends outside are left out', () => {
    const from = DateTime.fromISO('2026-06-01', { zone: 'Europe/Paris' });
    const to = DateTime.fromISO('2026-07-05T08:59', { zone: 'Europe/Paris' });
    const timelines = timelinesOf(text, { from, to });
    expect([local(timelines.horizon.start), local(timelines.horizon.end)]).toEqual(['2026-06-01T00:00+02:00', '2026-07-05T08:59+02:00']);
    expect(lines(timelines, 's')).toEqual([]);
    expect(lines(timelinesOf(text, { from }), 's')).toEqual(['2026-07-05T09:00+02:00 b segment {lease: ∅ → ended}']);
  });

  it('an empty plan has a horizon (from 2000-01-01 in the config zone)', () => {
    const timelines = buildTimelines(model({}).plan, SETTINGS);
    expect(local(timelines.horizon.start)).toBe('2000-01-01T00:00Z');
  });
});

describe('input problems do not break the timelines', () => {
  it('an unknown zone on one segment or send is reported by the model; the rest is placed in the fallback zone', () => {
    const { plan, problems } = model({
      'plan.yaml': yaml(
        'segments:',
        '  - {id: good, timezone: Europe/Paris}',
        '  - {id: bad, timezone: Mars/Olympus}',
        'calendar:',
        '  - {date: 2026-05-04, segment: good, template: a}',
        '  - {date: 2026-05-05, segment: bad, template: b}',
        '  - {date: 2026-05-06, segment: good, template: c, timezone: Nowhere/Land}',
      ),
      'templates.yaml': `${TEMPLATES}\n`,
    });
    expect(problems.map((problem) => [problem.rule, problem.location.line])).toEqual([
      ['invalid-input', 3],
      ['invalid-input', 7],
    ]);
    const timelines = buildTimelines(plan, { ...SETTINGS, timezone: 'America/Chicago' });
    expect(timelines.horizon.start.isValid && timelines.horizon.end.isValid).toBe(true);
    expect(lines(timelines, 'good')).toEqual(['2026-05-04T09:00+02:00 a segment', '2026-05-06T09:00+02:00 c segment']);
    expect(lines(timelines, 'bad')).toEqual(['2026-05-05T09:00-05:00 b segment']);
  });
});
