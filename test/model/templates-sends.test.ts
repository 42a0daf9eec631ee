import { describe, expect, it } from 'vitest';
import { at, brief, model, problemsOf, yaml } from './helpers.js';
import { lintTexts } from '../../src/engine/lint.js';

const templates = yaml(
  'templates:',
  '  - id: one',
  '    channel: email',
  '    campaign: summer',
  '    owner: crm',
  '  - id: multi',
  '    channels: [email, push]',
  '    intent: promotion',
  '    status: review',
  '    expects_reply: true',
  '    offer: {id: acc, value: 15%, code: UPG15, valid_from: 2026-06-01, valid_until: 2026-08-31T23:59}',
  '    facts: {lease_end: "{{leasing.end_date}}", months: 36}',
  '    requires: {lease: [active, ended]}',
  '    content:',
  '      en-US: {subject: "Hi {{first_name}}", body: "Save 15%"}',
  '      fr-FR: {subject: "Bonjour", body: "15 %", sms_text: "x"}',
  '  - id: numeric',
  '    channel: sms',
  '    offer: {id: n, value: 20}',
);

describe('templates (SPEC 4.3)', () => {
  it('reads channel as a one-item list and channels as the list', () => {
    const { plan, problems } = model({ 't.yaml': templates });
    expect(problems).toEqual([]);
    expect(plan.templates.get('one')!.channels).toEqual(['email']);
    expect(plan.templates.get('multi')!.channels).toEqual(['email', 'push']);
  });

  it('reports channel and channels together', () => {
    const text = yaml('templates:', '  - id: both', '    channel: email', '    channels: [email, sms]');
    const { plan, problems } = model({ 't.yaml': text });
    expect(brief(problems)).toEqual([at('invalid-input', 'give channel or channels, not both', 't.yaml', 4, 15)]);
    expect(plan.templates.get('both')!.channels).toEqual(['email', 'sms']);
  });

  it('reads every field, with defaults for the absent ones', () => {
    const { plan } = model({ 't.yaml': templates });
    const one = plan.templates.get('one')!;
    expect(one).toMatchObject({ id: 'one', campaign: 'summer', owner: 'crm', expectsReply: false, intent: undefined, status: undefined });
    expect(one.offer).toBeUndefined();
    expect({ ...one.facts }).toEqual({});
    expect(one.content.size).toBe(0);
    const multi = plan.templates.get('multi')!;
    expect(multi).toMatchObject({ intent: 'promotion', status: 'review', expectsReply: true });
    expect({ ...multi.requires }).toEqual({ lease: ['active', 'ended'] });
    expect(multi.forbids).toBeUndefined();
    expect({ ...multi.facts }).toEqual({ lease_end: '{{leasing.end_date}}', months: '36' });
    expect(multi.source).toMatchObject({ file: 't.yaml', pointer: '/templates/1' });
  });

  it('parses offers, their values as text and their dates as plan dates', () => {
    const { plan } = model({ 't.yaml': templates });
    expect(plan.templates.get('multi')!.offer).toEqual({
      id: 'acc',
      value: '15%',
      code: 'UPG15',
      validFrom: { local: '2026-06-01', hasTime: false },
      validUntil: { local: '2026-08-31T23:59:00', hasTime: true },
    });
    expect(plan.templates.get('numeric')!.offer).toEqual({ id: 'n', value: '20', code: undefined, validFrom: undefined, validUntil: undefined });
  });

  it('reports an impossible offer date at that date', () => {
    const text = yaml('templates:', '  - id: t', '    channel: email', '    offer:', '      id: o', '      valid_from: 2026-02-29', '      valid_until: 2026-03-31');
    const { plan, problems } = model({ 't.yaml': text });
    expect(brief(problems)).toEqual([
      at('invalid-input', '"2026-02-29" is not a real date (day 29 does not exist in that month)', 't.yaml', 6, 19),
    ]);
    expect(plan.templates.get('t')!.offer).toEqual({ id: 'o', value: undefined, code: undefined, validFrom: undefined, validUntil: { local: '2026-03-31', hasTime: false } });
  });

  it('keeps content per locale, with every field as written', () => {
    const { plan } = model({ 't.yaml': templates });
    const content = plan.templates.get('multi')!.content;
    expect([...content.keys()]).toEqual(['en-US', 'fr-FR']);
    expect({ ...content.get('en-US') }).toEqual({ subject: 'Hi {{first_name}}', body: 'Save 15%' });
    expect({ ...content.get('fr-FR') }).toEqual({ subject: 'Bonjour', body: '15 %', sms_text: 'x' });
  });
});

const calendar = yaml(
  'segments: [{id: s}, {id: r}]',
  'calendar:',
  '  - id: fallback',
  '    date: 2026-07-10',
  '    segment: s',
  '    template: one',
  '  - id: own',
  '    date: 2026-07-10T09:30',
  '    segment: s',
  '    template: one',
  '    campaign: autumn',
  '    owner: agency',
  '    timezone: Asia/Tokyo',
  '    repeat: FREQ=WEEKLY;COUNT=3',
  '  - id: offset',
  '    date: 2026-07-10 09:30:15+0200',
  '    segments: [s, r]',
  '    template: multi',
  '    channel: push',
  '  - id: utc',
  '    date: 2026-07-10T23:00Z',
  '    segment: s',
  '    template: multi',
  '  - id: both',
  '    date: 2026-07-10',
  '    segment: s',
  '    segments: [r]',
  '    template: one',
  '  - id: neither',
  '    date: 2026-07-10',
  '    template: one',
  '  - id: bad-date',
  '    date: 2026-06-31',
  '    segment: ss',
  '    template: one',
  '    timezone: Asia/Tokio',
);

describe('calendar sends (SPEC 4.4)', () => {
  const run = () => model({ 't.yaml': templates, 'c.yaml': calendar });

  it('reports a missing channel among several, segment with segments, neither, a bad date and zone, and unknown names', () => {
    expect(brief(run().problems)).toEqual([
      at('invalid-input', 'template "multi" has several channels (email, push): say which one with channel', 'c.yaml', 23, 15),
      at('invalid-input', 'give segment or segments, not both', 'c.yaml', 27, 15),
      at('invalid-input', 'calendar send is missing "segment" (or "segments")', 'c.yaml', 29, 5),
      at('invalid-input', '"2026-06-31" is not a real date (day 31 does not exist in that month)', 'c.yaml', 33, 11),
      at('invalid-input', 'unknown time zone "Asia/Tokio"; use an IANA name such as Europe/Paris or America/Chicago', 'c.yaml', 36, 15),
      at('unknown-reference', 'unknown segment "ss"; did you mean "s"?', 'c.yaml', 34, 14),
    ]);
  });

  it('drops a send whose date is not a date, and keeps the others in order', () => {
    expect(run().plan.sends.map((send) => send.id)).toEqual(['fallback', 'own', 'offset', 'utc', 'both', 'neither']);
  });

  it('takes the channel, campaign and owner of the template when the send has none', () => {
    const send = run().plan.sends.find((item) => item.id === 'fallback')!;
    expect(send).toMatchObject({ segments: ['s'], template: 'one', channel: 'email', campaign: 'summer', owner: 'crm', timezone: undefined, repeat: undefined });
    expect(send.source).toMatchObject({ file: 'c.yaml', pointer: '/calendar/0' });
  });

  it('keeps the send\'s own campaign, owner, zone, repeat and channel', () => {
    const sends = run().plan.sends;
    expect(sends.find((item) => item.id === 'own')).toMatchObject({ campaign: 'autumn', owner: 'agency', timezone: 'Asia/Tokyo', repeat: 'FREQ=WEEKLY;COUNT=3', channel: 'email' });
    expect(sends.find((item) => item.id === 'offset')).toMatchObject({ segments: ['s', 'r'], channel: 'push', campaign: undefined, owner: undefined });
    expect(sends.find((item) => item.id === 'utc')!.channel).toBeUndefined();
    expect(sends.find((item) => item.id === 'both')!.segments).toEqual(['r']);
  });

  it('parses a date alone, a local date-time, and a date-time with an offset', () => {
    const dates = Object.fromEntries(run().plan.sends.map((send) => [send.id, send.date]));
    expect(dates).toEqual({
      fallback: { local: '2026-07-10', hasTime: false },
      own: { local: '2026-07-10T09:30:00', hasTime: true },
      offset: { local: '2026-07-10T09:30:15', hasTime: true, offset: '+02:00' },
      utc: { local: '2026-07-10T23:00:00', hasTime: true, offset: 'Z' },
      both: { local: '2026-07-10', hasTime: false },
      neither: { local: '2026-07-10', hasTime: false },
    });
  });

  it('gives the send the only channel of its template, and leaves out a send whose template is unknown (SPEC 5)', () => {
    const text = yaml('segments: [{id: s}]', 'templates: [{id: t, channels: [sms]}]', 'calendar:', '  - {date: 2026-07-01, segment: s, template: t}', '  - {date: 2026-07-01, segment: s, template: u}');
    const { plan, problems } = model({ 'p.yaml': text });
    expect(brief(problems)).toEqual([at('unknown-reference', 'unknown template "u"; did you mean "t"?', 'p.yaml', 5, 46)]);
    expect(plan.sends.map((send) => send.channel)).toEqual(['sms']);
  });

  it('reports a send without a channel of a several-channel template on a journey step at the template it names', () => {
    const text = yaml(
      'segments: [{id: s}]',
      'templates: [{id: t, channels: [sms, email]}]',
      'journeys:',
      '  - id: j',
      '    entry: {segment: s, event: signup}',
      '    steps:',
      '      - send: t',
      '      - send: t',
      '        channel: email',
    );
    expect(problemsOf({ 'p.yaml': text })).toEqual([
      at('invalid-input', 'template "t" has several channels (sms, email): say which one with channel', 'p.yaml', 7, 15),
    ]);
  });
});

describe('calendar sends: values out of range (issue 8)', () => {
  it('reports a rule part out of range at the repeat, and a date before 1900 at the date, and keeps none of these sends (each is reported once, on no timeline)', () => {
    const text = yaml(
      'segments: [{id: s}]',
      'templates: [{id: t, channel: email}]',
      'calendar:',
      '  - {date: 2026-01-05, segment: s, template: t, repeat: "FREQ=WEEKLY;BYDAY=XX"}',
      '  - date: 2026-01-05',
      '    segment: s',
      '    template: t',
      '    repeat: FREQ=MONTHLY;BYDAY=+9MO',
      '  - {date: 0050-01-04, segment: s, template: t, repeat: weekly}',
    );
    const { plan, problems } = model({ 'p.yaml': text });
    expect(brief(problems)).toEqual([
      at('invalid-input', 'repeat "FREQ=WEEKLY;BYDAY=XX": BYDAY "XX" is not a weekday (MO, TU, WE, TH, FR, SA, SU, with an optional ordinal such as 1MO or -1FR)', 'p.yaml', 4, 57),
      at('invalid-input', 'repeat "FREQ=MONTHLY;BYDAY=+9MO": BYDAY "+9MO": a month has at most 5 of each weekday, so the ordinal must be 1 to 5 or -1 to -5', 'p.yaml', 8, 13),
      at('invalid-input', '"0050-01-04" is out of range: cxlint reads years 1900 to 9999', 'p.yaml', 9, 12),
    ]);
    expect(plan.sends).toHaveLength(0);
  });
});

describe('a CSV row with an unreadable date (SPEC 8: every problem in one run)', () => {
  it('is reported at its date cell and at every other cell that is wrong, and placed on no timeline', () => {
    const files = {
      'plan.yaml': 'segments:\n  - id: members\ntemplates:\n  - {id: welcome, channel: email}\n',
      'calendar.csv': 'date,segment,template,channel,timezone,repeat\n2026-13-45,memberz,welcom,emial,Europe/Pariss,FREQ=WEEKLYY\n2026-03-01,members,welcome,email,,\n',
    };
    const result = lintTexts(files);
    const seen = result.findings.filter((finding) => finding.location.line === 2).map(({ rule, location, message }) => [rule, location.column, message.split(/[;.]/)[0]]);
    expect(seen).toEqual([
      ['invalid-input', 1, '"2026-13-45" is not a real date (month 13 does not exist)'],
      ['unknown-reference', 12, 'unknown segment "memberz"'],
      ['unknown-reference', 20, 'unknown template "welcom"'],
      ['unknown-reference', 27, 'unknown channel "emial"'],
      ['invalid-input', 33, 'unknown time zone "Europe/Pariss"'],
      ['invalid-input', 47, 'repeat "FREQ=WEEKLYY": FREQ "WEEKLYY" is not a frequency (YEARLY, MONTHLY, WEEKLY, DAILY or HOURLY)'],
    ]);
    // The good row alone is a send; the one with an unreadable date is on no timeline, and its date is not reported twice.
    expect(result.plan.sends.map((send) => send.date.local)).toEqual(['2026-03-01']);
    expect(result.findings.filter((finding) => finding.message.includes('2026-13-45'))).toHaveLength(1);
  });
  it('a row lacking a cell is reported once at the row, and its other cells are checked too', () => {
    const files = {
      'plan.yaml': 'segments:\n  - id: members\ntemplates:\n  - {id: welcome, channel: email}\n',
      'calendar.csv': 'date,segment,template,channel\n2026-03-01,memberz,,emial\n,members,welcom,\n2026-03-02,,welcome,email\n',
    };
    const result = lintTexts(files);
    expect(result.findings.map(({ rule, location, message }) => [location.line, location.column, rule, message.split(/[;.]/)[0]])).toEqual([
      [2, 1, 'invalid-input', 'calendar send is missing "template"'],
      [2, 12, 'unknown-reference', 'unknown segment "memberz"'],
      [2, 21, 'unknown-reference', 'unknown channel "emial"'],
      [3, 1, 'invalid-input', 'calendar send is missing "date"'],
      [3, 10, 'unknown-reference', 'unknown template "welcom"'],
      [4, 1, 'invalid-input', 'calendar send is missing "segment"'],
    ]);
    expect(result.plan.sends).toEqual([]);
  });
});
