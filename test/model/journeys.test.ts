import { describe, expect, it } from 'vitest';
import { at, brief, model, problemsOf, yaml } from './helpers.js';

const known = yaml('segments: [{id: s}]', 'templates: [{id: t, channel: email}, {id: u, channels: [email, sms]}]');
const withKnown = (text: string) => model({ 'known.yaml': known, 'j.yaml': text });

describe('journeys: steps (SPEC 4.5)', () => {
  const text = yaml(
    'journeys:',
    '  - id: j',
    '    name: Journey',
    '    owner: crm',
    '    campaign: c1',
    '    entry:',
    '      segment: s',
    '      event: signup',
    '      offset: -P1D',
    '    steps:',
    '      - id: first',
    '        send: t',
    '      - send: u',
    '        channel: sms',
    '      - wait: P2D',
    '      - wait: {until: {event: lease_end, offset: -P30D}}',
    '      - wait: {until: {event: replied}}',
    '      - id: fork',
    '        branch:',
    '          - when: {event: replied, within: P2D}',
    '            next: thanks',
    '          - when: {state: {lease: [active, ended]}}',
    '            next: first',
    '          - otherwise: true',
    '            next: bye',
    '      - id: thanks',
    '        set: {lease: ended, vip: true}',
    '        next: bye',
    '      - send: t',
    '      - id: bye',
    '        exit: true',
  );

  it('reads a journey without problems', () => {
    expect(withKnown(text).problems).toEqual([]);
  });

  it('reads the journey and its entry', () => {
    const journey = withKnown(text).plan.journeys.get('j')!;
    expect(journey).toMatchObject({ id: 'j', name: 'Journey', owner: 'crm', campaign: 'c1' });
    expect(journey.entry).toEqual({ segment: 's', event: 'signup', date: undefined, offset: '-P1D' });
    expect(journey.source).toMatchObject({ file: 'j.yaml', pointer: '/journeys/0' });
  });

  it('parses each step into its action', () => {
    const steps = withKnown(text).plan.journeys.get('j')!.steps;
    expect(steps.map((step) => [step.index, step.id])).toEqual([
      [0, 'first'],
      [1, undefined],
      [2, undefined],
      [3, undefined],
      [4, undefined],
      [5, 'fork'],
      [6, 'thanks'],
      [7, undefined],
      [8, 'bye'],
    ]);
    expect(steps[0]!.action).toEqual({ kind: 'send', template: 't', channel: 'email' });
    expect(steps[1]!.action).toEqual({ kind: 'send', template: 'u', channel: 'sms' });
    expect(steps[2]!.action).toEqual({ kind: 'wait', duration: 'P2D' });
    expect(steps[3]!.action).toEqual({ kind: 'wait', until: { event: 'lease_end', offset: '-P30D' } });
    expect(steps[4]!.action).toEqual({ kind: 'wait', until: { event: 'replied', offset: undefined } });
    const branch = steps[5]!.action;
    expect(branch.kind).toBe('branch');
    if (branch.kind !== 'branch') return;
    expect(branch.options.map(({ source, state, ...option }) => ({ ...option, state: state && { ...state }, pointer: source.pointer }))).toEqual([
      { event: 'replied', within: 'P2D', state: undefined, otherwise: false, next: 6, pointer: '/journeys/0/steps/5/branch/0' },
      { event: undefined, within: undefined, state: { lease: ['active', 'ended'] }, otherwise: false, next: 0, pointer: '/journeys/0/steps/5/branch/1' },
      { event: undefined, within: undefined, state: undefined, otherwise: true, next: 8, pointer: '/journeys/0/steps/5/branch/2' },
    ]);
    const set = steps[6]!.action;
    expect(set.kind === 'set' && { ...set.states }).toEqual({ lease: 'ended', vip: 'true' });
    expect(steps[8]!.action).toEqual({ kind: 'exit' });
    expect(steps[3]!.source.pointer).toBe('/journeys/0/steps/3');
  });

  it('continues each step with the one below, or where next says; the last step and exit end the journey', () => {
    const steps = withKnown(text).plan.journeys.get('j')!.steps;
    const nexts = steps.filter((step) => step.action.kind !== 'branch').map((step) => [step.index, step.next]);
    expect(nexts).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [6, 8],
      [7, 8],
      [8, 'end'],
    ]);
    const plain = withKnown(yaml('journeys:', '  - id: k', '    entry: {segment: s, event: signup}', '    steps:', '      - send: t', '      - wait: 1d', '      - exit: true', '      - send: t'));
    expect(plain.problems).toEqual([]);
    expect(plain.plan.journeys.get('k')!.steps.map((step) => step.next)).toEqual([1, 2, 'end', 'end']);
  });

  it('jumps back to an earlier step by id', () => {
    const loop = withKnown(yaml('journeys:', '  - id: k', '    entry: {segment: s, event: signup}', '    steps:', '      - {id: top, wait: P7D}', '      - {send: t, next: top}'));
    expect(loop.problems).toEqual([]);
    expect(loop.plan.journeys.get('k')!.steps.map((step) => step.next)).toEqual([1, 0]);
  });

  it('learns the states a set step gives, for conditions elsewhere', () => {
    const { plan } = withKnown(text);
    expect([...plan.states.get('vip')!]).toEqual(['true']);
    expect([...plan.states.get('lease')!].sort()).toEqual(['active', 'ended']);
  });
});

describe('journeys: entry', () => {
  const journey = (entry: string) => yaml('journeys:', '  - id: j', `    entry: ${entry}`, '    steps: [{send: t}]');

  it('reads a one-off entry by date, with the default offset', () => {
    const { plan, problems } = withKnown(journey('{segment: s, date: 2026-05-01}'));
    expect(problems).toEqual([]);
    expect(plan.journeys.get('j')!.entry).toEqual({ segment: 's', event: undefined, date: { local: '2026-05-01', hasTime: false }, offset: 'P0D' });
  });

  it('reports an entry with neither an event nor a date', () => {
    expect(brief(withKnown(journey('{segment: s}')).problems)).toEqual([at('invalid-input', 'a journey entry needs an event or a date', 'j.yaml', 3, 12)]);
  });

  it('reports an entry with both an event and a date, at the date', () => {
    expect(brief(withKnown(journey('{segment: s, event: signup, date: 2026-05-01}')).problems)).toEqual([
      at('invalid-input', 'give an entry event or date, not both', 'j.yaml', 3, 46),
    ]);
  });

  it('reports an impossible entry date', () => {
    expect(brief(withKnown(journey('{segment: s, date: 2026-04-31}')).problems)).toEqual([
      at('invalid-input', '"2026-04-31" is not a real date (day 31 does not exist in that month)', 'j.yaml', 3, 31),
    ]);
  });
});

describe('journeys: malformed steps and branches', () => {
  it('reports a step with two actions and a step with none', () => {
    const text = yaml(
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - send: t',
      '        wait: P1D',
      '      - id: lonely',
      '      - send: t',
      '        branch: [{otherwise: true, next: lonely}]',
      '        exit: true',
    );
    expect(brief(withKnown(text).problems)).toEqual([
      at('invalid-input', 'a journey step needs exactly one of send, wait, branch, set or exit (it has send and wait)', 'j.yaml', 5, 9),
      at('invalid-input', 'a journey step needs exactly one of send, wait, branch, set or exit (it has none)', 'j.yaml', 7, 9),
      at('invalid-input', 'a journey step needs exactly one of send, wait, branch, set or exit (it has send and branch and exit)', 'j.yaml', 8, 9),
    ]);
  });

  it('reports branch options without a way to choose them, or with two', () => {
    const text = yaml(
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - branch:',
      '          - next: done',
      '          - when: {event: replied, within: P1D}',
      '            otherwise: true',
      '            next: done',
      '          - when: {}',
      '            next: done',
      '          - when: {event: replied, within: P1D, state: {lease: active}}',
      '            next: done',
      '          - when: {event: clicked}',
      '            next: done',
      '      - id: done',
      '        exit: true',
    );
    expect(brief(withKnown(text).problems)).toEqual([
      at('invalid-input', 'a branch option needs when: {event, within} or {state}, or otherwise: true', 'j.yaml', 6, 13),
      at('invalid-input', 'a branch option has when or otherwise, not both', 'j.yaml', 8, 24),
      at('invalid-input', 'a branch condition needs event (with within) or state', 'j.yaml', 10, 19),
      at('invalid-input', 'a branch condition is an event or a state, not both', 'j.yaml', 12, 19),
      at('invalid-input', 'a branch on event "clicked" needs within: how long to wait for it', 'j.yaml', 14, 19),
    ]);
  });
});

describe('journeys: durations out of range (issue 8)', () => {
  const text = yaml(
    'journeys:',
    '  - id: j',
    '    entry: {segment: s, event: signup, offset: -P180D}',
    '    steps:',
    '      - send: t',
    '      - wait: -P7D',
    '      - wait: P100000000D',
    '      - wait: {until: {event: lease_end, offset: -P3D}}',
    '      - wait: P',
    '      - branch:',
    '          - when: {event: replied, within: -P2D}',
    '            next: done',
    '          - otherwise: true',
    '            next: done',
    '      - id: done',
    '        send: t',
    '  - id: k',
    '    entry: {segment: s, event: signup, offset: P101Y}',
    '    steps: [{send: t}]',
  );

  it('reports a negative wait or within, a duration past 100 years and an empty one, each at its value', () => {
    expect(brief(withKnown(text).problems)).toEqual([
      at('invalid-input', '"-P7D" is negative: a wait must be zero or longer, such as P7D', 'j.yaml', 6, 15),
      at('invalid-input', '"P100000000D" is longer than 100 years, the longest duration cxlint reads', 'j.yaml', 7, 15),
      at('invalid-input', '"P" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w', 'j.yaml', 9, 15),
      at('invalid-input', '"-P2D" is negative: within (how long to wait for the event) must be zero or longer, such as P2D', 'j.yaml', 11, 44),
      at('invalid-input', '"P101Y" is longer than 100 years, the longest duration cxlint reads', 'j.yaml', 18, 48),
    ]);
  });

  it('does not build a journey it cannot run as written, so that no rule reads a guess', () => {
    expect([...withKnown(text).plan.journeys.keys()]).toEqual([]);
  });

  it('accepts a negative entry offset and a negative offset of a wait until an event (SPEC 4.5)', () => {
    const fine = yaml('journeys:', '  - id: j', '    entry: {segment: s, event: signup, offset: -P180D}', '    steps:', '      - wait: {until: {event: lease_end, offset: -P3D}}', '      - wait: P0D', '      - send: t');
    expect(withKnown(fine).problems).toEqual([]);
    expect(withKnown(fine).plan.journeys.has('j')).toBe(true);
  });
});

describe('journeys: an item that broke the schema causes no cascade', () => {
  it('keeps the ids of invalid segments and templates known to what refers to them, and checks nothing inside an invalid journey', () => {
    const text = yaml(
      'segments:',
      '  - id: s',
      '    timezon: Europe/Paris',
      '  - id: child',
      '    parent: s',
      '    overlaps: [s]',
      'templates:',
      '  - id: broken',
      '    channel: email',
      '    intnet: welcome',
      'calendar:',
      '  - {date: 2026-07-01, segment: s, template: broken, channel: email}',
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - send: broken',
      '        channel: email',
      '  - id: k',
      '    entry: {segment: nobody, event: nothing}',
      '    steps:',
      '      - sendd: broken',
      '      - send: missing',
    );
    const { plan, problems } = model({ 'p.yaml': text });
    expect(brief(problems)).toEqual([
      at('invalid-input', 'unknown field "timezon" in a segment; did you mean "timezone"?', 'p.yaml', 3, 5),
      at('invalid-input', 'unknown field "intnet" in a template; did you mean "intent"?', 'p.yaml', 10, 5),
      at('invalid-input', 'unknown field "sendd" in a journey step; did you mean "send"?', 'p.yaml', 22, 9),
    ]);
    expect([...plan.segments.keys()]).toEqual(['child']);
    expect(plan.templates.has('broken')).toBe(false);
    expect([...plan.journeys.keys()]).toEqual(['j']);
    expect(plan.sends).toHaveLength(1);
  });

  it('still reports a name that no item, valid or not, has', () => {
    const text = yaml('templates:', '  - id: broken', '    intnet: welcome', 'calendar:', '  - {date: 2026-07-01, segment: s, template: brokne}');
    expect(problemsOf({ 'known.yaml': known, 'p.yaml': text })).toEqual([
      at('invalid-input', 'unknown field "intnet" in a template; did you mean "intent"?', 'p.yaml', 3, 5),
      at('unknown-reference', 'unknown template "brokne"; did you mean "broken"?', 'p.yaml', 5, 46),
    ]);
  });
});
