import { describe, expect, it } from 'vitest';
import { at, knownWords, model, problemsOf, recommendedVocabulary, yaml } from './helpers.js';

/** Known things every test below refers to. Segment references of segments are tested in segments.test.ts. */
const base = yaml(
  'segments:',
  '  - id: lessees',
  '    states: {lease: active}',
  '  - id: prospects',
  'templates:',
  '  - id: welcome-email',
  '    channel: email',
  '    intent: welcome',
  '  - id: offer-multi',
  '    channels: [email, push]',
  '    intent: promotion',
);

const withBase = (file: string, text: string) => problemsOf({ 'base.yaml': base, [file]: text });

describe('unknown-reference: calendar sends', () => {
  it('checks the base plan is clean', () => {
    expect(problemsOf({ 'base.yaml': base })).toEqual([]);
  });

  it('names an unknown template, with a did-you-mean only when one is close', () => {
    const text = yaml(
      'calendar:',
      '  - date: 2026-07-01',
      '    segment: lessees',
      '    template: welcome-emial',
      '  - date: 2026-07-01',
      '    segment: lessees',
      '    template: newsletter-2026',
    );
    expect(withBase('cal.yaml', text)).toEqual([
      at('unknown-reference', 'unknown template "welcome-emial"; did you mean "welcome-email"?', 'cal.yaml', 4, 15),
      at('unknown-reference', 'unknown template "newsletter-2026"', 'cal.yaml', 7, 15),
    ]);
  });

  it('names an unknown segment, in segment and at each item of segments', () => {
    const text = yaml(
      'calendar:',
      '  - date: 2026-07-01',
      '    segment: lesees',
      '    template: welcome-email',
      '  - date: 2026-07-01',
      '    segments: [lessees, prospect, vip-club]',
      '    template: welcome-email',
      '  - date: 2026-07-01',
      '    segment: everyone',
      '    template: welcome-email',
    );
    expect(withBase('cal.yaml', text)).toEqual([
      at('unknown-reference', 'unknown segment "lesees"; did you mean "lessees"?', 'cal.yaml', 3, 14),
      at('unknown-reference', 'unknown segment "prospect"; did you mean "prospects"?', 'cal.yaml', 6, 25),
      at('unknown-reference', 'unknown segment "vip-club"', 'cal.yaml', 6, 35),
      at('unknown-reference', 'unknown segment "everyone"', 'cal.yaml', 9, 14),
    ]);
  });

  it('names an unknown channel, and a real channel the template is not on', () => {
    const text = yaml(
      'calendar:',
      '  - date: 2026-07-01',
      '    segment: lessees',
      '    template: welcome-email',
      '    channel: emial',
      '  - date: 2026-07-01',
      '    segment: lessees',
      '    template: welcome-email',
      '    channel: sms',
      '  - date: 2026-07-01',
      '    segment: lessees',
      '    template: offer-multi',
      '    channel: whatsapp',
      '  - date: 2026-07-01',
      '    segment: lessees',
      '    template: offer-multi',
      '    channel: telegram',
      '  - date: 2026-07-01',
      '    segment: lessees',
      '    template: offer-multi',
      '    channel: push',
    );
    expect(withBase('cal.yaml', text)).toEqual([
      at('unknown-reference', 'unknown channel "emial"; did you mean "email"? ' + knownWords('channel'), 'cal.yaml', 5, 14),
      at('unknown-reference', 'template "welcome-email" has no channel "sms"; its channel is email', 'cal.yaml', 9, 14),
      at('unknown-reference', 'template "offer-multi" has no channel "whatsapp"; its channels are email, push', 'cal.yaml', 13, 14),
      at('unknown-reference', 'unknown channel "telegram". ' + knownWords('channel'), 'cal.yaml', 17, 14),
    ]);
  });

  it('knows a channel only when the vocabulary has it (the config may add one)', () => {
    const text = yaml('templates:', '  - id: t', '    channel: line', 'calendar:', '  - {date: 2026-07-01, segment: s, template: t, channel: line}', 'segments:', '  - id: s');
    expect(problemsOf({ 't.yaml': text })).toEqual([
      at('unknown-reference', 'unknown channel "line". ' + knownWords('channel'), 't.yaml', 3, 14),
      at('unknown-reference', 'unknown channel "line". ' + knownWords('channel'), 't.yaml', 5, 58),
    ]);
    const vocabulary = recommendedVocabulary();
    vocabulary.channels.set('line', { owned: false });
    expect(problemsOf({ 't.yaml': text }, vocabulary)).toEqual([]);
  });
});

describe('unknown-reference: templates', () => {
  it('names unknown channels (single and listed) and intents', () => {
    const text = yaml(
      'templates:',
      '  - id: a',
      '    channel: emial',
      '    intent: welcom',
      '  - id: b',
      '    channels: [email, pushh, fax]',
      '    intent: black_friday',
    );
    expect(problemsOf({ 't.yaml': text })).toEqual([
      at('unknown-reference', 'unknown channel "emial"; did you mean "email"? ' + knownWords('channel'), 't.yaml', 3, 14),
      at('unknown-reference', 'unknown intent "welcom"; did you mean "welcome"? ' + knownWords('intent'), 't.yaml', 4, 13),
      at('unknown-reference', 'unknown channel "pushh"; did you mean "push"? ' + knownWords('channel'), 't.yaml', 6, 23),
      at('unknown-reference', 'unknown channel "fax". ' + knownWords('channel'), 't.yaml', 6, 30),
      at('unknown-reference', 'unknown intent "black_friday". ' + knownWords('intent'), 't.yaml', 7, 13),
    ]);
  });

  it("keeps the sends of a template whose only channel is unknown off the timelines: the template's finding is the only one (SPEC 5)", () => {
    const text = yaml(
      'segments: [{id: s, consent: [email]}]',
      'templates: [{id: t, channel: emial, intent: promotion}, {id: u, channels: [email, fax], intent: promotion}]',
      'calendar:',
      '  - {date: 2026-03-02T10:00, segment: s, template: t}',
      '  - {date: 2026-03-02T10:00, segment: s, template: u, channel: email}',
      'journeys:',
      '  - {id: j, entry: {segment: s, event: signup}, steps: [{send: t}, {send: u, channel: email}]}',
    );
    const { plan, problems } = model({ 'p.yaml': text });
    expect(problems.map((problem) => problem.message.replace(/[.?] Known.*$/, ''))).toEqual(['unknown channel "emial"; did you mean "email"', 'unknown channel "fax"']);
    // u's own channel email is known: its send on email goes out.
    expect(plan.sends.map((send) => send.template)).toEqual(['u']);
    expect(plan.journeys.get('j')!.steps.map((step) => step.action)).toEqual([
      { kind: 'send', template: 't', channel: 'emial', unresolved: true },
      { kind: 'send', template: 'u', channel: 'email' },
    ]);
  });

  it('names unknown state names at the key and unknown state values at the value (or its list item)', () => {
    const text = yaml(
      'templates:',
      '  - id: t',
      '    channel: email',
      '    requires: {leas: active, vehicle: [returned, kept]}',
      '    forbids: {service_case: opened, lease: endd}',
    );
    expect(withBase('t.yaml', text)).toEqual([
      at('unknown-reference', 'unknown state "leas"; did you mean "lease"?', 't.yaml', 4, 16),
      at('unknown-reference', 'state "vehicle" has no value "kept"', 't.yaml', 4, 50),
      at('unknown-reference', 'state "service_case" has no value "opened"; did you mean "open"?', 't.yaml', 5, 29),
      at('unknown-reference', 'state "lease" has no value "endd"; did you mean "ended"?', 't.yaml', 5, 44),
    ]);
  });

  it('knows state names and values from the lifecycle, segments and journeys\' set steps', () => {
    const text = yaml(
      'segments:',
      '  - id: s',
      '    states: {tier: gold}',
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - set: {tier: platinum, survey: done}',
      'templates:',
      '  - id: t',
      '    channel: email',
      '    requires: {tier: [gold, platinum], member: active, survey: done}',
      '    forbids: {tier: silver}',
    );
    expect(problemsOf({ 'p.yaml': text })).toEqual([at('unknown-reference', 'state "tier" has no value "silver"', 'p.yaml', 13, 21)]);
  });
});

describe('unknown-reference: journeys', () => {
  it('names every unknown thing an entry and its steps refer to', () => {
    const text = yaml(
      'journeys:',
      '  - id: j',
      '    entry:',
      '      segment: lessee',
      '      event: lease_ends',
      '    steps:',
      '      - send: welcome-emails',
      '      - send: offer-multi',
      '        channel: wechat',
      '      - wait: {until: {event: lease_startt, offset: P1D}}',
      '      - branch:',
      '          - when: {event: replyed, within: P2D}',
      '            next: don',
      '          - when: {state: {leases: active}}',
      '            next: done',
      '          - when: {state: {lease: endd}}',
      '            next: done',
      '          - otherwise: true',
      '            next: nowhere',
      '      - id: done',
      '        send: welcome-email',
      '        next: finish',
    );
    expect(withBase('j.yaml', text)).toEqual([
      at('unknown-reference', 'unknown segment "lessee"; did you mean "lessees"?', 'j.yaml', 4, 16),
      at('unknown-reference', 'unknown event "lease_ends"; did you mean "lease_end"? ' + knownWords('event'), 'j.yaml', 5, 14),
      at('unknown-reference', 'unknown template "welcome-emails"; did you mean "welcome-email"?', 'j.yaml', 7, 15),
      at('unknown-reference', 'template "offer-multi" has no channel "wechat"; its channels are email, push', 'j.yaml', 9, 18),
      at('unknown-reference', 'unknown event "lease_startt"; did you mean "lease_start"? ' + knownWords('event'), 'j.yaml', 10, 31),
      at('unknown-reference', 'unknown event "replyed"; did you mean "replied"? ' + knownWords('event'), 'j.yaml', 12, 27),
      at('unknown-reference', 'journey "j" has no step "don"; did you mean "done"?', 'j.yaml', 13, 19),
      at('unknown-reference', 'unknown state "leases"; did you mean "lease"?', 'j.yaml', 14, 28),
      at('unknown-reference', 'state "lease" has no value "endd"; did you mean "ended"?', 'j.yaml', 16, 35),
      at('unknown-reference', 'journey "j" has no step "nowhere"', 'j.yaml', 19, 19),
      at('unknown-reference', 'journey "j" has no step "finish"', 'j.yaml', 22, 15),
    ]);
  });

  it('names an unknown channel on a step, and an unknown event without a close name', () => {
    const text = yaml(
      'journeys:',
      '  - id: j',
      '    entry: {segment: lessees, event: anniversary}',
      '    steps:',
      '      - send: welcome-email',
      '        channel: emial',
      '      - wait: {until: {event: birthday}}',
    );
    expect(withBase('j.yaml', text)).toEqual([
      at('unknown-reference', 'unknown event "anniversary". ' + knownWords('event'), 'j.yaml', 3, 38),
      at('unknown-reference', 'unknown channel "emial"; did you mean "email"? ' + knownWords('channel'), 'j.yaml', 6, 18),
      at('unknown-reference', 'unknown event "birthday". ' + knownWords('event'), 'j.yaml', 7, 31),
    ]);
  });

  it('resolves steps by id only within their own journey', () => {
    const text = yaml(
      'journeys:',
      '  - id: a',
      '    entry: {segment: lessees, event: signup}',
      '    steps:',
      '      - id: thanks',
      '        send: welcome-email',
      '  - id: b',
      '    entry: {segment: lessees, event: signup}',
      '    steps:',
      '      - send: welcome-email',
      '        next: thanks',
    );
    expect(withBase('j.yaml', text)).toEqual([at('unknown-reference', 'journey "b" has no step "thanks"', 'j.yaml', 11, 15)]);
  });
});
