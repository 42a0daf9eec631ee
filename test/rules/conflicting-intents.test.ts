import { describe, expect, it } from 'vitest';
import { conflictingIntents } from '../../src/rules/conflicting-intents.js';
import { findingsOf, lintFiles } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'conflicting-intents';

const segments = lines(
  'segments:',
  '  - id: customers',
  '    timezone: America/Chicago',
  '    locales: [en-US]',
  '    states: {service_case: closed}',
  '  - id: persona-a',
  '    parent: customers',
  '    events: {signup: 2026-01-01}',
  '  - id: persona-b',
  '    parent: customers',
  '    events: {signup: 2026-01-02}',
  '  - id: prospects',
  '    timezone: America/Chicago',
  '    locales: [en-US]',
);

const templates = lines(
  'templates:',
  ...[
    ['apology-email', 'email', 'apology'],
    ['promo-sms', 'sms', 'promotion'],
    ['upsell-email', 'email', 'upsell'],
    ['news-email', 'email', 'newsletter'],
    ['welcome-email', 'email', 'welcome'],
    ['winback-email', 'email', 'win_back'],
    ['survey-email', 'email', 'survey'],
  ].flatMap(([id, channel, intent]) => [`  - id: ${id}`, `    channel: ${channel}`, `    intent: ${intent}`, '    content: {en-US: {body: "Hello"}}']),
  '  - id: promo-summer',
  '    channel: email',
  '    intent: promotion',
  '    campaign: summer',
  '    content: {en-US: {body: "Summer"}}',
);

/** A calendar row; its `- id:` line is the finding's position (column 5). */
const row = (id: string, date: string, segment: string, template: string, extra: string[] = []): string[] => [
  `  - id: ${id}`,
  `    date: ${date}`,
  `    segment: ${segment}`,
  `    template: ${template}`,
  ...extra,
];

const plan = (calendar: string[][], extra: Record<string, string> = {}): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar.flat()),
  ...extra,
});

const apologyThenPromo = (promoDate: string): Record<string, string> =>
  plan([row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'), row('promo', promoDate, 'customers', 'promo-sms')]);

describe('conflicting-intents', () => {
  it('has the preset pairs of SPEC 4.2', () => {
    expect(conflictingIntents.defaultOptions).toEqual({
      conflicts: [
        { a: 'welcome', b: 'win_back', within: 'P30D' },
        { a: 'apology', b: 'promotion', within: 'P3D' },
        { a: 'apology', b: 'upsell', within: 'P3D' },
      ],
    });
  });

  it('reports a promotion two days after an apology once, listing every segment', async () => {
    const files = apologyThenPromo('2026-06-18T12:00');
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'promo-sms (promotion, sms) on 2026-06-18 12:00 CDT comes 2d 3h after apology-email (apology, email) on 2026-06-16 09:00 CDT: apology and promotion need at least 3d between them',
        segments: ['customers', 'persona-a', 'persona-b'],
        at: '2026-06-18T12:00:00.000-05:00',
      },
    ]);
    const [finding] = (await lintFiles(files)).filter((f) => f.rule === rule);
    expect(finding?.related).toEqual([{ file: 'calendar.yaml', line: 2, column: 5, message: 'apology-email (apology, email) on 2026-06-16 09:00 CDT' }]);
  });

  it('reports either order: an apology a day after a promotion points at the apology', async () => {
    const files = plan([row('promo', '2026-06-15T09:00', 'customers', 'promo-sms'), row('sorry', '2026-06-16T09:00', 'customers', 'apology-email')]);
    expect((await findingsOf(rule, files)).map((f) => `${f.line} ${f.at} ${f.message}`)).toEqual([
      '6 2026-06-16T09:00:00.000-05:00 apology-email (apology, email) on 2026-06-16 09:00 CDT comes 1d after promo-sms (promotion, sms) on 2026-06-15 09:00 CDT: apology and promotion need at least 3d between them',
    ]);
  });

  it('does not report a pair exactly `within` apart (boundary), and reports one a minute closer', async () => {
    expect(await findingsOf(rule, apologyThenPromo('2026-06-19T09:00'))).toEqual([]);
    expect((await findingsOf(rule, apologyThenPromo('2026-06-19T08:59'))).map((f) => f.line)).toEqual([6]);
  });

  it('counts a window of months from the earlier send, as every rule does: 31 January + P1M is 28 February', async () => {
    const config = { 'cxlint.config.yaml': lines('rules:', '  conflicting-intents: [error, {conflicts: [{a: apology, b: promotion, within: P1M}]}]') };
    const apart = (promoDate: string) => plan([row('sorry', '2026-01-31T09:00', 'customers', 'apology-email'), row('promo', promoDate, 'customers', 'promo-sms')], config);
    expect(await findingsOf(rule, apart('2026-02-28T10:00'))).toEqual([]);
    expect((await findingsOf(rule, apart('2026-02-28T08:59'))).map((f) => f.at)).toEqual(['2026-02-28T08:59:00.000-06:00']);
  });

  it('measures the window in calendar days across a DST change', async () => {
    // 7 March 09:00 CST to 10 March 09:00 CDT is three calendar days but only 71 hours: not within P3D.
    const files = plan([row('sorry', '2026-03-07T09:00', 'customers', 'apology-email'), row('promo', '2026-03-10T09:00', 'customers', 'promo-sms')]);
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reports welcome and win-back within 30 days, and an upsell after an apology (preset pairs)', async () => {
    const files = plan([
      row('welcome', '2026-01-05T09:00', 'customers', 'welcome-email'),
      row('winback', '2026-02-01T09:00', 'customers', 'winback-email'),
      row('sorry', '2026-03-02T09:00', 'customers', 'apology-email'),
      row('upsell', '2026-03-02T10:00', 'customers', 'upsell-email'),
    ]);
    expect((await findingsOf(rule, files)).map((f) => `${f.line} ${f.at} ${f.message}`)).toEqual([
      '6 2026-02-01T09:00:00.000-06:00 winback-email (win_back, email) on 2026-02-01 09:00 CST comes 27d after welcome-email (welcome, email) on 2026-01-05 09:00 CST: welcome and win_back need at least 30d between them',
      '14 2026-03-02T10:00:00.000-06:00 upsell-email (upsell, email) on 2026-03-02 10:00 CST comes 1h after apology-email (apology, email) on 2026-03-02 09:00 CST: apology and upsell need at least 3d between them',
    ]);
  });

  it('says "at the same time" for two sends at one instant, and points at the one read later', async () => {
    const files = plan([row('promo', '2026-06-16T09:00', 'customers', 'promo-sms'), row('sorry', '2026-06-16T09:00', 'customers', 'apology-email')]);
    expect((await findingsOf(rule, files)).map((f) => `${f.line} ${f.at} ${f.message}`)).toEqual([
      '6 2026-06-16T09:00:00.000-05:00 apology-email (apology, email) on 2026-06-16 09:00 CDT comes at the same time as promo-sms (promotion, sms) on 2026-06-16 09:00 CDT: apology and promotion need at least 3d between them',
    ]);
  });

  it('reports every occurrence of a recurring send inside the window, against the nearest earlier send', async () => {
    const files = plan([
      row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'),
      row('daily', '2026-06-16T10:00', 'customers', 'promo-sms', ['    repeat: FREQ=DAILY;COUNT=5']),
    ]);
    const after = 'after apology-email (apology, email) on 2026-06-16 09:00 CDT: apology and promotion need at least 3d between them';
    // Each occurrence happens at its own instant, not the row's first.
    expect((await findingsOf(rule, files)).map((f) => `${f.line} ${f.at} ${f.message}`)).toEqual([
      `6 2026-06-16T10:00:00.000-05:00 promo-sms (promotion, sms) on 2026-06-16 10:00 CDT comes 1h ${after}`,
      `6 2026-06-17T10:00:00.000-05:00 promo-sms (promotion, sms) on 2026-06-17 10:00 CDT comes 1d 1h ${after}`,
      `6 2026-06-18T10:00:00.000-05:00 promo-sms (promotion, sms) on 2026-06-18 10:00 CDT comes 2d 1h ${after}`,
    ]);
  });

  it('does not report intents the config does not pair, or sends that reach different segments (guards)', async () => {
    const unrelated = plan([row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'), row('news', '2026-06-16T10:00', 'customers', 'news-email')]);
    expect(await findingsOf(rule, unrelated)).toEqual([]);
    const apart = plan([row('sorry', '2026-06-16T09:00', 'persona-a', 'apology-email'), row('promo', '2026-06-16T10:00', 'persona-b', 'promo-sms')]);
    expect(await findingsOf(rule, apart)).toEqual([]);
    const elsewhere = plan([row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'), row('promo', '2026-06-16T10:00', 'prospects', 'promo-sms')]);
    expect(await findingsOf(rule, elsewhere)).toEqual([]);
  });

  it('reports only the segment that gets both', async () => {
    const files = plan([row('sorry', '2026-06-16T09:00', 'persona-a', 'apology-email'), row('promo', '2026-06-16T10:00', 'customers', 'promo-sms')]);
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.segments])).toEqual([[6, ['persona-a']]]);
  });

  const journeys = (steps: string[]): string =>
    lines('journeys:', '  - id: case-closed', '    entry:', '      segment: customers', '      event: case_closed', '    steps:', ...steps);

  it('never pairs two sends on mutually exclusive branches of one journey', async () => {
    const files = plan([], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': journeys([
        '      - branch:',
        '          - when: {event: replied, within: P1D}',
        '            next: sorry',
        '          - otherwise: true',
        '            next: promo',
        '      - id: sorry',
        '        send: apology-email',
        '      - exit: true',
        '      - id: promo',
        '        send: promo-sms',
      ]),
    });
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('reports two sends on one journey path, on the relative timeline (T = the entry event) when no segment has its date', async () => {
    const files = plan([], {
      'calendar.yaml': 'calendar: []\n',
      'journeys.yaml': journeys(['      - send: apology-email', '      - wait: P2D', '      - send: promo-sms']),
    });
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'journeys.yaml',
        line: 9,
        column: 9,
        severity: 'error',
        message: 'promo-sms (promotion, sms) at case_closed+2d comes 2d after apology-email (apology, email) at case_closed: apology and promotion need at least 3d between them',
        segments: ['customers', 'persona-a', 'persona-b'],
        after: { event: 'case_closed', offset: 'P2D' },
      },
    ]);
  });

  it('reports a calendar promotion after a journey apology for the segment with a date for the journey (service-complaint seed)', async () => {
    const files = plan([row('promo', '2026-06-18T12:00', 'customers', 'promo-sms')], {
      'segments.yaml': segments.replace('    events: {signup: 2026-01-02}', '    events: {case_opened: 2026-06-02, case_closed: 2026-06-16}'),
      'journeys.yaml': journeys(['      - send: apology-email']),
    });
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'calendar.yaml',
        line: 2,
        column: 5,
        severity: 'error',
        message: 'promo-sms (promotion, sms) on 2026-06-18 12:00 CDT comes 2d 3h after apology-email (apology, email) on 2026-06-16 09:00 CDT: apology and promotion need at least 3d between them',
        segments: ['persona-b'],
        at: '2026-06-18T12:00:00.000-05:00',
      },
    ]);
  });

  it('takes its pairs from the config, which replace the preset ones', async () => {
    const config = lines('extends: cxlint:recommended', 'rules:', '  conflicting-intents: [warning, {conflicts: [{a: survey, b: promotion, within: 36h}]}]');
    const files = plan(
      [
        row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'),
        row('survey', '2026-06-17T09:00', 'customers', 'survey-email'),
        row('promo', '2026-06-18T12:00', 'customers', 'promo-sms'),
      ],
      { 'cxlint.config.yaml': config },
    );
    expect((await findingsOf(rule, files)).map((f) => `${f.line} ${f.severity} ${f.at} ${f.message}`)).toEqual([
      '10 warning 2026-06-18T12:00:00.000-05:00 promo-sms (promotion, sms) on 2026-06-18 12:00 CDT comes 1d 3h after survey-email (survey, email) on 2026-06-17 09:00 CDT: survey and promotion need at least 1d 12h between them',
    ]);
  });

  it('applies overrides by segment (a narrower window for one persona) and by campaign', async () => {
    const calendar = [row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'), row('promo', '2026-06-18T12:00', 'customers', 'promo-sms')];
    const bySegment = plan(calendar, {
      'cxlint.config.yaml': lines(
        'extends: cxlint:recommended',
        'overrides:',
        '  - segments: [persona-a]',
        '    rules:',
        '      conflicting-intents: [error, {conflicts: [{a: apology, b: promotion, within: P1D}]}]',
      ),
    });
    expect((await findingsOf(rule, bySegment)).map((f) => [f.line, f.segments])).toEqual([[6, ['customers', 'persona-b']]]);

    const byCampaign = plan([row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'), row('promo', '2026-06-18T12:00', 'customers', 'promo-summer')], {
      'cxlint.config.yaml': lines('extends: cxlint:recommended', 'overrides:', '  - campaigns: [summer]', '    rules:', '      conflicting-intents: [warning, {conflicts: []}]'),
    });
    expect(await findingsOf(rule, byCampaign)).toEqual([]);
    const severityOnly = plan([row('sorry', '2026-06-16T09:00', 'customers', 'apology-email'), row('promo', '2026-06-18T12:00', 'customers', 'promo-summer')], {
      'cxlint.config.yaml': lines('extends: cxlint:recommended', 'overrides:', '  - campaigns: [summer]', '    rules: {conflicting-intents: warning}'),
    });
    expect((await findingsOf(rule, severityOnly)).map((f) => f.severity)).toEqual(['warning']);
  });

  it('rejects options outside its schema', async () => {
    const files = apologyThenPromo('2026-06-18T12:00');
    const bad = lines('extends: cxlint:recommended', 'rules:', '  conflicting-intents: [error, {conflicts: [{a: apology, b: promotion, within: soon}]}]');
    await expect(lintFiles({ ...files, 'cxlint.config.yaml': bad })).rejects.toThrow(/conflicting-intents/);
    const extra = lines('extends: cxlint:recommended', 'rules:', '  conflicting-intents: [error, {pairs: []}]');
    await expect(lintFiles({ ...files, 'cxlint.config.yaml': extra })).rejects.toThrow(/conflicting-intents/);
  });
});
