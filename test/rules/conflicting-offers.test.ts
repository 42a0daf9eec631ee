import { describe, expect, it } from 'vitest';
import { normaliseOfferValue } from '../../src/rules/conflicting-offers.js';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'conflicting-offers';

const segments = lines(
  'segments:',
  '  - id: members',
  '    timezone: Asia/Shanghai',
  '    locales: [zh-CN]',
  '  - id: wechat-signups',
  '    parent: members',
  '    events: {signup: 2026-03-02}',
  '  - id: strangers',
  '    timezone: Asia/Shanghai',
  '    locales: [zh-CN]',
);

/** A template carrying the offer `launch` (or `offerId`) written as `offer` (a YAML flow mapping body). */
const template = (id: string, channel: string, offer: string, offerId = 'launch'): string[] => [
  `  - id: ${id}`,
  `    channel: ${channel}`,
  '    intent: promotion',
  `    offer: {id: ${offerId}, ${offer}}`,
  '    content: {zh-CN: {body: "优惠"}}',
];

/** A calendar row; its `- id:` line is the finding's position (column 5). */
const row = (id: string, date: string, segment: string, templateId: string): string[] => [
  `  - id: ${id}`,
  `    date: ${date}`,
  `    segment: ${segment}`,
  `    template: ${templateId}`,
];

const wechat20 = template('offer-wechat', 'wechat', 'value: 20%, code: SERUM20, valid_from: 2026-03-12, valid_until: 2026-03-25');
const email15 = template('offer-email', 'email', 'value: 15%, code: SERUM15, valid_from: 2026-03-12, valid_until: 2026-03-25');

const plan = (templates: string[][], calendar: string[][], extra: Record<string, string> = {}): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': lines('templates:', ...templates.flat()),
  'calendar.yaml': lines('calendar:', ...calendar.flat()),
  ...extra,
});

describe('conflicting-offers', () => {
  it('reports 20 % on WeChat against 15 % by email once, listing every segment both reach', async () => {
    const files = plan([wechat20, email15], [row('launch-wechat', '2026-03-12T10:00', 'members', 'offer-wechat'), row('news', '2026-03-14T09:00', 'members', 'offer-email')]);
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'offer launch is 15% (SERUM15) in offer-email (email) but 20% (SERUM20) in offer-wechat (wechat)',
        segments: ['members', 'wechat-signups'],
        // The `news` row, 09:00 in Shanghai.
        at: '2026-03-14T09:00:00.000+08:00',
      },
    ]);
  });

  it('points at the later send, and at equal times at the one read later; one finding per pair of templates', async () => {
    const tmall15 = template('offer-tmall', 'alibaba', 'value: 15 %, code: SERUM15, valid_from: 2026-03-12, valid_until: 2026-03-25');
    const files = plan(
      [wechat20, tmall15, email15],
      [
        row('launch-tmall', '2026-03-12T10:00', 'members', 'offer-tmall'),
        row('launch-wechat', '2026-03-12T10:00', 'members', 'offer-wechat'),
        row('news', '2026-03-14T09:00', 'members', 'offer-email'),
        row('news-again', '2026-03-15T09:00', 'members', 'offer-email'),
      ],
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'offer launch is 20% (SERUM20) in offer-wechat (wechat) but 15 % (SERUM15) in offer-tmall (alibaba)',
        segments: ['members', 'wechat-signups'],
        // `launch-wechat`, read after `launch-tmall` at the same instant.
        at: '2026-03-12T10:00:00.000+08:00',
      },
      {
        rule,
        file: 'calendar.yaml',
        line: 10,
        column: 5,
        severity: 'error',
        message: 'offer launch is 15% (SERUM15) in offer-email (email) but 20% (SERUM20) in offer-wechat (wechat)',
        segments: ['members', 'wechat-signups'],
        // The first `news` row: the first time offer-email meets offer-wechat.
        at: '2026-03-14T09:00:00.000+08:00',
      },
    ]);
  });

  it('names the related send with its local time', async () => {
    const { lintFiles } = await import('./helpers.js');
    const files = plan([wechat20, email15], [row('launch-wechat', '2026-03-12T10:00', 'members', 'offer-wechat'), row('news', '2026-03-14T09:00', 'members', 'offer-email')]);
    const [finding] = (await lintFiles(files)).filter((f) => f.rule === rule);
    expect(finding?.related).toEqual([
      { file: 'calendar.yaml', line: 2, column: 5, message: 'offer-wechat (promotion, wechat) on 2026-03-12 10:00 GMT+8: offer launch is 20% (SERUM20)' },
    ]);
    expect(finding?.at).toBe('2026-03-14T09:00:00.000+08:00');
    expect(finding?.ids).toEqual(['launch', 'offer-email', 'offer-wechat']);
  });

  it('compares values normalised: spaces (also no-break ones), case and surrounding spaces do not matter', async () => {
    expect(normaliseOfferValue('15%')).toBe(normaliseOfferValue('15 %'));
    expect(normaliseOfferValue('15%')).toBe(normaliseOfferValue(' 15\u00a0% '));
    expect(normaliseOfferValue('15%')).toBe(normaliseOfferValue('15\u202f%'));
    expect(normaliseOfferValue('2 For 1')).toBe(normaliseOfferValue('2 for 1'));
    expect(normaliseOfferValue('15%')).not.toBe(normaliseOfferValue('20%'));
    const files = plan(
      [
        template('a', 'wechat', 'value: "15%", code: SERUM15'),
        template('b', 'email', 'value: " 15\u00a0% ", code: serum15'),
        template('c', 'sms', 'value: "15 %"'),
      ],
      [row('one', '2026-03-12T10:00', 'members', 'a'), row('two', '2026-03-13T10:00', 'members', 'b'), row('three', '2026-03-14T10:00', 'members', 'c')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reads one number and its sign wherever the sign stands, and a discount as shops write it: €20 is 20 €, -15 % and 八五折 are 15%, 2割引 is 20%', async () => {
    expect(normaliseOfferValue('€20')).toBe(normaliseOfferValue('20 €'));
    expect(normaliseOfferValue('20,00 €')).toBe(normaliseOfferValue('€20'));
    expect(normaliseOfferValue('€1,000')).toBe(normaliseOfferValue('1 000 €'));
    expect(normaliseOfferValue('€1,000')).not.toBe(normaliseOfferValue('€1'));
    expect(normaliseOfferValue('15,0 %')).toBe(normaliseOfferValue('15%'));
    expect(normaliseOfferValue('-15 %')).toBe(normaliseOfferValue('15%'));
    expect(normaliseOfferValue('八五折')).toBe(normaliseOfferValue('15%'));
    expect(normaliseOfferValue('8折')).toBe(normaliseOfferValue('20%'));
    expect(normaliseOfferValue('2割引')).toBe(normaliseOfferValue('20%'));
    expect(normaliseOfferValue('€20')).not.toBe(normaliseOfferValue('$20'));
    expect(normaliseOfferValue('八五折')).not.toBe(normaliseOfferValue('20%'));
    const files = plan(
      [template('a', 'email', 'value: "-15 %", code: SERUM15'), template('b', 'wechat', 'value: "八五折", code: SERUM15'), template('c', 'sms', 'value: "15%"')],
      [row('one', '2026-03-12T10:00', 'members', 'a'), row('two', '2026-03-13T10:00', 'members', 'b'), row('three', '2026-03-14T10:00', 'members', 'c')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it("reads digits and percent signs of every script as locale-drift does: full-width, Arabic-Indic and Devanagari 15 % are 15%", async () => {
    expect(normaliseOfferValue('１５％')).toBe(normaliseOfferValue('15%'));
    expect(normaliseOfferValue('١٥٪')).toBe(normaliseOfferValue('15%'));
    expect(normaliseOfferValue('१५ %')).toBe(normaliseOfferValue('15%'));
    expect(normaliseOfferValue('２０元')).toBe(normaliseOfferValue('20 元'));
    expect(normaliseOfferValue('１５％')).not.toBe(normaliseOfferValue('20%'));
    const files = plan(
      [template('a', 'wechat', 'value: "１５％", code: SERUM15'), template('b', 'email', 'value: "15%", code: SERUM15'), template('c', 'sms', 'value: "١٥٪"')],
      [row('one', '2026-03-12T10:00', 'members', 'a'), row('two', '2026-03-13T10:00', 'members', 'b'), row('three', '2026-03-14T10:00', 'members', 'c')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('accepts one offer id with the same value in many templates (guard)', async () => {
    const files = plan(
      [email15, template('offer-sms', 'sms', 'value: 15%, code: SERUM15, valid_from: 2026-03-12, valid_until: 2026-03-25')],
      [row('one', '2026-03-12T10:00', 'members', 'offer-email'), row('two', '2026-03-13T10:00', 'members', 'offer-sms')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('accepts different values under different offer ids (guard)', async () => {
    const files = plan(
      [wechat20, template('other', 'email', 'value: 15%, code: SERUM15, valid_from: 2026-03-12, valid_until: 2026-03-25', 'autumn')],
      [row('one', '2026-03-12T10:00', 'members', 'offer-wechat'), row('two', '2026-03-13T10:00', 'members', 'other')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('accepts the same id when the validity periods do not overlap: a new offer later (boundary: the day after)', async () => {
    const files = plan(
      [
        template('march', 'email', 'value: 15%, valid_from: 2026-03-01, valid_until: 2026-03-11'),
        template('later', 'email', 'value: 20%, valid_from: 2026-03-12, valid_until: 2026-03-31'),
      ],
      [row('one', '2026-03-02T10:00', 'members', 'march'), row('two', '2026-03-05T10:00', 'members', 'later')],
    );
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reports validity periods that share one day (valid_until is inclusive), naming the dates', async () => {
    const files = plan(
      [
        template('march', 'email', 'value: 15%, valid_from: 2026-03-01, valid_until: 2026-03-12'),
        template('later', 'sms', 'value: 20%, valid_from: 2026-03-12, valid_until: 2026-03-31'),
      ],
      [row('one', '2026-03-02T10:00', 'members', 'march'), row('two', '2026-03-05T10:00', 'members', 'later')],
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'offer launch is 20% (valid 2026-03-12 to 2026-03-31) in later (sms) but 15% (valid 2026-03-01 to 2026-03-12) in march (email)',
        segments: ['members', 'wechat-signups'],
        at: '2026-03-05T10:00:00.000+08:00',
      },
    ]);
  });

  it('reports a validity that differs alone, a missing bound being open-ended', async () => {
    const files = plan(
      [template('open', 'email', 'value: 15%, code: S15'), template('dated', 'sms', 'value: 15%, code: S15, valid_from: 2026-03-12')],
      [row('one', '2026-03-02T10:00', 'members', 'open'), row('two', '2026-03-05T10:00', 'members', 'dated')],
    );
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'offer launch is 15% (S15, valid from 2026-03-12 with no end date) in dated (sms) but 15% (S15, with no validity dates) in open (email)',
        segments: ['members', 'wechat-signups'],
        at: '2026-03-05T10:00:00.000+08:00',
      },
    ]);
  });

  it('reports a different code for the same value', async () => {
    const files = plan(
      [template('a', 'email', 'value: 15%, code: S15'), template('b', 'sms', 'value: 15%, code: S-15')],
      [row('one', '2026-03-02T10:00', 'members', 'a'), row('two', '2026-03-05T10:00', 'members', 'b')],
    );
    expect((await findingsOf(rule, files)).map((f) => f.message)).toEqual(['offer launch is 15% (S-15) in b (sms) but 15% (S15) in a (email)']);
  });

  it('does not report when the second message comes after the common live period ended (boundary: exactly at its end)', async () => {
    const templates = [
      template('first', 'email', 'value: 15%, valid_from: 2026-03-01, valid_until: 2026-03-10'),
      template('second', 'sms', 'value: 20%, valid_from: 2026-03-05, valid_until: 2026-03-31'),
    ];
    // Both live from 5 March to the end of 10 March (Asia/Shanghai): a message on 11 March at 00:00 brings a new offer.
    const atEnd = plan(templates, [row('one', '2026-03-01T10:00', 'members', 'first'), row('two', '2026-03-11T00:00', 'members', 'second')]);
    expect(await findingsOf(rule, atEnd)).toEqual([]);
    const justBefore = plan(templates, [row('one', '2026-03-01T10:00', 'members', 'first'), row('two', '2026-03-10T23:59', 'members', 'second')]);
    expect((await findingsOf(rule, justBefore)).map((f) => f.line)).toEqual([6]);
  });

  it('does not report two templates that never reach a common segment (guard)', async () => {
    const files = plan([wechat20, email15], [row('one', '2026-03-12T10:00', 'members', 'offer-wechat'), row('two', '2026-03-13T10:00', 'strangers', 'offer-email')]);
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reports only the segment below that gets both: a send to a child does not reach its parent', async () => {
    const files = plan([wechat20, email15], [row('one', '2026-03-12T10:00', 'members', 'offer-wechat'), row('two', '2026-03-13T10:00', 'wechat-signups', 'offer-email')]);
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.segments])).toEqual([[6, ['wechat-signups']]]);
  });

  it('says when the two meet only through a declared overlap', async () => {
    const files = plan([wechat20, email15], [row('one', '2026-03-12T10:00', 'members', 'offer-wechat'), row('two', '2026-03-13T10:00', 'strangers', 'offer-email')], {
      'segments.yaml': lines(
        'segments:',
        '  - id: members',
        '    timezone: Asia/Shanghai',
        '    locales: [zh-CN]',
        '    overlaps: [strangers]',
        '  - id: strangers',
        '    timezone: Asia/Shanghai',
        '    locales: [zh-CN]',
      ),
    });
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'offer launch is 15% (SERUM15) in offer-email (email) but 20% (SERUM20) in offer-wechat (wechat), for the customers in both members and strangers',
        segments: ['members', 'strangers'],
        at: '2026-03-13T10:00:00.000+08:00',
      },
    ]);
  });

  it('is the finding of a segment that gets both by itself: an overlap that makes them meet earlier adds nothing to it', async () => {
    // members gets both directly (on 20 March); vip, below it, gets offer-email earlier through its overlap with strangers.
    const files = plan(
      [wechat20, email15],
      [row('one', '2026-03-12T10:00', 'members', 'offer-wechat'), row('two', '2026-03-13T10:00', 'strangers', 'offer-email'), row('three', '2026-03-20T10:00', 'members', 'offer-email')],
      {
        'segments.yaml': lines(
          'segments:',
          '  - {id: members, timezone: Asia/Shanghai, locales: [zh-CN]}',
          '  - {id: vip, parent: members, overlaps: [strangers]}',
          '  - {id: strangers, timezone: Asia/Shanghai, locales: [zh-CN]}',
        ),
      },
    );
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.message, f.segments, f.at])).toEqual([
      [10, 'offer launch is 15% (SERUM15) in offer-email (email) but 20% (SERUM20) in offer-wechat (wechat)', ['members', 'vip'], '2026-03-20T10:00:00.000+08:00'],
    ]);
  });

  const journeys = (steps: string[]): string =>
    lines('journeys:', '  - id: launch-journey', '    entry:', '      segment: members', '      date: 2026-03-12', '    steps:', ...steps);

  it('never compares two sends on mutually exclusive branches of one journey', async () => {
    const files = plan([wechat20, email15], [], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': journeys([
        '      - branch:',
        '          - when: {event: clicked, within: P1D}',
        '            next: by-wechat',
        '          - otherwise: true',
        '            next: by-email',
        '      - id: by-wechat',
        '        send: offer-wechat',
        '      - exit: true',
        '      - id: by-email',
        '        send: offer-email',
      ]),
    });
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reports two sends on one journey path, at the later step', async () => {
    const files = plan([wechat20, email15], [], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': journeys(['      - send: offer-wechat', '      - wait: P1D', '      - send: offer-email']),
    });
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 9,
        column: 9,
        severity: 'error',
        message: 'offer launch is 15% (SERUM15) in offer-email (email) but 20% (SERUM20) in offer-wechat (wechat)',
        segments: ['members', 'wechat-signups'],
        // A day after the entry date, 2026-03-12 at the default send time (09:00).
        at: '2026-03-13T09:00:00.000+08:00',
      },
    ]);
  });

  it('checks a journey on its relative timeline (no date for its entry event), for the segments without a date', async () => {
    const files = plan([wechat20, email15], [], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': lines(
        'journeys:',
        '  - id: on-purchase',
        '    entry: {segment: members, event: purchase}',
        '    steps:',
        '      - send: offer-wechat',
        '      - wait: P1D',
        '      - send: offer-email',
      ),
    });
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 7,
        column: 9,
        severity: 'error',
        message: 'offer launch is 15% (SERUM15) in offer-email (email) but 20% (SERUM20) in offer-wechat (wechat)',
        segments: ['members', 'wechat-signups'],
        // No date: a day after the entry event.
        after: { event: 'purchase', offset: 'P1D' },
      },
    ]);
  });

  it('on a relative journey timeline, whose dates are unknown, needs only the validities to overlap', async () => {
    const files = plan([wechat20, email15], [], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': lines(
        'journeys:',
        '  - id: on-purchase',
        '    entry: {segment: members, event: purchase}',
        '    steps:',
        '      - send: offer-wechat',
        '      - wait: P1D',
        '      - send: offer-email',
      ),
    });
    // T stands at the start of the horizon, here after both offers ended: that says nothing about real entry dates.
    expect((await findingsOf(rule, files, { from: '2026-06-01' })).map((f) => [f.file, f.line])).toEqual([['journeys.yaml', 7]]);
  });

  it('follows the config: off, and a lower severity for one campaign through overrides', async () => {
    const files = plan([wechat20, email15], [row('launch-wechat', '2026-03-12T10:00', 'members', 'offer-wechat'), row('news', '2026-03-14T09:00', 'members', 'offer-email')]);
    expect(await findingsOf(rule, { ...files, 'cxlint.config.yaml': lines('extends: cxlint:recommended', 'rules:', '  conflicting-offers: off') })).toEqual([]);
    const withCampaign = plan(
      [wechat20, [...template('offer-email', 'email', 'value: 15%, code: SERUM15, valid_from: 2026-03-12, valid_until: 2026-03-25'), '    campaign: member-news']],
      [row('launch-wechat', '2026-03-12T10:00', 'members', 'offer-wechat'), row('news', '2026-03-14T09:00', 'members', 'offer-email')],
      {
        'cxlint.config.yaml': lines(
          'extends: cxlint:recommended',
          'overrides:',
          '  - campaigns: [member-news]',
          '    rules: {conflicting-offers: warning}',
          '  - segments: [wechat-signups]',
          '    rules: {conflicting-offers: error}',
        ),
      },
    );
    // The override by segment comes last, so it wins for a finding that lists wechat-signups.
    expect((await findingsOf(rule, withCampaign)).map((f) => f.severity)).toEqual(['error']);
    const campaignOnly = { ...withCampaign, 'cxlint.config.yaml': lines('extends: cxlint:recommended', 'overrides:', '  - campaigns: [member-news]', '    rules: {conflicting-offers: warning}') };
    expect((await findingsOf(rule, campaignOnly)).map((f) => f.severity)).toEqual(['warning']);
  });
});
