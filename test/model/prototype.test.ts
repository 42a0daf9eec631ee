import { afterEach, describe, expect, it } from 'vitest';
import { at, knownWords, model, problemsOf, yaml } from './helpers.js';

/** Names that are properties of every plain JavaScript object: the model must treat them as ordinary names. */
const text = yaml(
  'segments:',
  '  - id: __proto__',
  '    timezone: Europe/Paris',
  '    states: {__proto__: yes, constructor: on, toString: x}',
  '    events: {signup: 2026-01-01}',
  '  - id: constructor',
  '    parent: __proto__',
  '    overlaps: [toString]',
  '  - id: toString',
  '    parent: constructor',
  '    states: {toString: y}',
  'templates:',
  '  - id: __proto__',
  '    channel: email',
  '    requires: {__proto__: yes, constructor: [on]}',
  '    facts: {constructor: a, __proto__: b}',
  '    content:',
  '      __proto__: {subject: x}',
  '  - id: hasOwnProperty',
  '    channel: email',
  'journeys:',
  '  - id: __proto__',
  '    entry: {segment: toString, event: signup}',
  '    steps:',
  '      - id: __proto__',
  '        set: {toString: z}',
  '      - branch:',
  '          - when: {state: {toString: [x, y, z]}}',
  '            next: __proto__',
  '          - otherwise: true',
  '            next: constructor',
  '      - id: constructor',
  '        send: __proto__',
  'calendar:',
  '  - {id: __proto__, date: 2026-07-01, segment: constructor, template: __proto__}',
  '  - {id: constructor, date: 2026-07-01, segments: [__proto__, toString], template: hasOwnProperty}',
);

const entries = (map: object): Array<[string, unknown]> => Object.entries(map).sort(([a], [b]) => (a < b ? -1 : 1));

describe('prototype safety: __proto__, constructor and toString as names', () => {
  afterEach(() => {
    // Nothing the model did may reach Object.prototype.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).yes).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('reads them without a problem, every reference resolved', () => {
    expect(problemsOf({ 'p.yaml': text })).toEqual([]);
  });

  it('builds segments with those ids, inheriting and merging through them', () => {
    const { plan } = model({ 'p.yaml': text });
    expect([...plan.segments.keys()]).toEqual(['__proto__', 'constructor', 'toString']);
    const leaf = plan.segments.get('toString')!;
    expect(leaf.parent).toBe('constructor');
    expect(leaf.timezones).toEqual(['Europe/Paris']);
    expect(entries(leaf.states)).toEqual([
      ['__proto__', 'yes'],
      ['constructor', 'on'],
      ['toString', 'y'],
    ]);
    expect([...leaf.events.keys()]).toEqual(['signup']);
    expect(plan.segments.get('__proto__')!.children).toEqual(['constructor']);
    expect(plan.segments.get('toString')!.overlaps).toEqual(['constructor']);
    expect([...plan.states.keys()].filter((name) => ['__proto__', 'constructor', 'toString'].includes(name)).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect([...plan.states.get('toString')!].sort()).toEqual(['x', 'y', 'z']);
  });

  it('keeps templates\' conditions, facts and content as plain own keys', () => {
    const { plan } = model({ 'p.yaml': text });
    const template = plan.templates.get('__proto__')!;
    expect(entries(template.requires!)).toEqual([
      ['__proto__', ['yes']],
      ['constructor', ['on']],
    ]);
    expect(entries(template.facts)).toEqual([
      ['__proto__', 'b'],
      ['constructor', 'a'],
    ]);
    expect([...template.content.keys()]).toEqual(['__proto__']);
    // a template without facts has no fact named after an Object.prototype member
    const other = plan.templates.get('hasOwnProperty')!;
    expect(other.facts.constructor).toBeUndefined();
    expect(other.facts.toString).toBeUndefined();
    expect(other.requires).toBeUndefined();
  });

  it('resolves journey steps and sends by those names', () => {
    const { plan } = model({ 'p.yaml': text });
    const journey = plan.journeys.get('__proto__')!;
    const branch = journey.steps[1]!.action;
    expect(branch.kind === 'branch' && branch.options.map((option) => option.next)).toEqual([0, 2]);
    expect(journey.steps[2]!.action).toEqual({ kind: 'send', template: '__proto__', channel: 'email' });
    expect(plan.sends.map((send) => [send.id, send.segments, send.channel])).toEqual([
      ['__proto__', ['constructor'], 'email'],
      ['constructor', ['__proto__', 'toString'], 'email'],
    ]);
  });

  it('does not take Object.prototype members for known names', () => {
    const unknown = yaml(
      'segments: [{id: s, parent: valueOf, events: {constructor: 2026-01-01}}]',
      'templates: [{id: t, channel: toString, intent: hasOwnProperty, requires: {__proto__: x}}]',
      'calendar: [{date: 2026-07-01, segment: isPrototypeOf, template: constructor}]',
    );
    expect(problemsOf({ 'p.yaml': unknown })).toEqual([
      at('unknown-reference', 'unknown event "constructor". ' + knownWords('event'), 'p.yaml', 1, 46),
      at('unknown-reference', 'unknown segment "valueOf"', 'p.yaml', 1, 28),
      at('unknown-reference', 'unknown channel "toString". ' + knownWords('channel'), 'p.yaml', 2, 30),
      at('unknown-reference', 'unknown intent "hasOwnProperty". ' + knownWords('intent'), 'p.yaml', 2, 48),
      at('unknown-reference', 'unknown state "__proto__"', 'p.yaml', 2, 75),
      at('unknown-reference', 'unknown segment "isPrototypeOf"', 'p.yaml', 3, 40),
      at('unknown-reference', 'unknown template "constructor"', 'p.yaml', 3, 65),
    ]);
  });

  it('reports a repeated __proto__ id as a duplicate', () => {
    expect(problemsOf({ 'a.yaml': yaml('segments: [{id: __proto__}]'), 'b.yaml': yaml('segments: [{id: __proto__}]') })).toEqual([
      at('duplicate-id', 'segment id "__proto__" is already used at a.yaml:1', 'b.yaml', 1, 17),
    ]);
  });
});
