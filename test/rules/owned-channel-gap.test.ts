import { describe, expect, it } from 'vitest';
import type { Brief } from './helpers.js';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'owned-channel-gap';

const segments = lines(
  'segments:',
  '  - id: new-members',
  '    timezone: Asia/Shanghai',
  '    consent: [wechat, alibaba, email, sms]',
  '  - {id: wechat-signups, parent: new-members, events: {signup: 2026-03-02}}',
  '  - {id: alibaba-signups, parent: new-members, events: {signup: 2026-03-03}}',
  '  - id: marketplace-only',
  '    timezone: Asia/Shanghai',
  '    consent: [wechat, alibaba]',
  '  - id: everyone',
  '    timezone: Asia/Shanghai',
);

const templates = lines(
  'templates:',
  '  - {id: teaser-wechat, channel: wechat, intent: announcement, campaign: serum-launch}',
  '  - {id: offer-wechat, channel: wechat, intent: promotion, campaign: serum-launch}',
  '  - {id: offer-alibaba, channel: alibaba, intent: promotion, campaign: serum-launch}',
  '  - {id: offer-email, channel: email, intent: promotion, campaign: serum-launch}',
  '  - {id: offer-push, channel: push, intent: promotion, campaign: serum-launch}',
  '  - {id: newsletter, channel: email, intent: newsletter, campaign: member-news}',
  '  - {id: plain-wechat, channel: wechat, intent: announcement}',
);

const launch = [
  '  - {id: teaser, date: 2026-03-04T12:00, segment: SEGMENT, template: teaser-wechat}',
  '  - {id: launch-wechat, date: 2026-03-12T10:00, segment: SEGMENT, template: offer-wechat}',
  '  - {id: launch-tmall, date: 2026-03-12T10:00, segment: SEGMENT, template: offer-alibaba}',
];

const plan = (segment: string, ...more: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...launch.map((row) => row.replace('SEGMENT', segment)), ...more),
});

/** A finding at a send: `when` is its instant (`at`), or on a journey's relative run its time from the entry event (`after`). */
const finding = (line: number, message: string, segmentList: string[], when: Pick<Brief, 'at' | 'after'>, severity = 'warning', file = 'calendar.yaml', column = 5): Brief => ({
  rule,
  file,
  line,
  column,
  severity,
  message,
  segments: segmentList,
  ...when,
});

const FIRST = 'its first send: teaser-wechat (announcement, wechat) on 2026-03-04 12:00 GMT+8';
/** The `teaser` row, 12:00 in Shanghai. */
const AT_FIRST = { at: '2026-03-04T12:00:00.000+08:00' };

describe('owned-channel-gap', () => {
  it('reports a campaign on wechat and alibaba only, once, at its first send, for every segment it reaches', async () => {
    expect(await findingsOf(rule, plan('new-members'))).toEqual([
      finding(
        2,
        `campaign serum-launch reaches segments alibaba-signups, new-members, wechat-signups only on channels the brand does not own (alibaba and wechat), never on an owned channel they consent to (email or sms); ${FIRST}`,
        ['alibaba-signups', 'new-members', 'wechat-signups'],
        AT_FIRST,
      ),
    ]);
  });

  it('reads a journey entered below the top of a group of look-alike segments for the segments it enters only', async () => {
    const files = {
      'plan.yaml': lines(
        'segments:',
        '  - {id: members, timezone: UTC, consent: [wechat, email]}',
        '  - {id: members-cn, parent: members}',
        'templates:',
        '  - {id: offer-wechat, channel: wechat, intent: promotion, campaign: serum-launch}',
        'journeys:',
        '  - id: cn-welcome',
        '    entry: {segment: members-cn, event: signup}',
        '    steps:',
        '      - send: offer-wechat', // 10
      ),
    };
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'plan.yaml',
        line: 10,
        column: 9,
        severity: 'warning',
        message:
          'campaign serum-launch reaches segment members-cn only on channels the brand does not own (wechat), never on an owned channel it consents to (email); its first send: offer-wechat (promotion, wechat) at signup',
        segments: ['members-cn'],
        after: { event: 'signup', offset: 'P0D' },
      },
    ]);
  });

  it('is satisfied by one send of the campaign on a consented owned channel (false-positive guard)', async () => {
    expect(await findingsOf(rule, plan('new-members', '  - {date: 2026-03-20, segment: new-members, template: offer-email}'))).toEqual([]);
  });

  it('is not closed by another campaign on an owned channel', async () => {
    expect(await findingsOf(rule, plan('new-members', '  - {date: 2026-03-14, segment: new-members, template: newsletter}'))).toHaveLength(1);
  });

  it('does not count an owned channel the segment did not consent to', async () => {
    expect(await findingsOf(rule, plan('new-members', '  - {date: 2026-03-20, segment: new-members, template: offer-push}'))).toEqual([
      finding(
        2,
        `campaign serum-launch reaches segments alibaba-signups, new-members, wechat-signups only on channels the brand does not own (alibaba and wechat), never on an owned channel they consent to (email or sms); ${FIRST}`,
        ['alibaba-signups', 'new-members', 'wechat-signups'],
        AT_FIRST,
      ),
    ]);
  });

  it('has nothing to say to a segment that consents to no owned channel', async () => {
    expect(await findingsOf(rule, plan('marketplace-only'))).toEqual([]);
  });

  it('reads absent consent as every channel', async () => {
    expect(await findingsOf(rule, plan('everyone'))).toEqual([
      finding(2, `campaign serum-launch reaches segment everyone only on channels the brand does not own (alibaba and wechat), never on an owned channel; ${FIRST}`, ['everyone'], AT_FIRST),
    ]);
  });

  it('ignores sends that carry no campaign', async () => {
    const files = plan('everyone');
    files['calendar.yaml'] = lines('calendar:', '  - {date: 2026-03-04, segment: everyone, template: plain-wechat}');
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it('points at the first send of the campaign on the segment, and reports segments that consent differently apart', async () => {
    const files = plan('new-members', '  - {id: late, date: 2026-03-01T08:00, segment: everyone, template: offer-alibaba}', '  - {date: 2026-03-20, segment: everyone, template: teaser-wechat}');
    expect(await findingsOf(rule, files)).toEqual([
      finding(
        2,
        `campaign serum-launch reaches segments alibaba-signups, new-members, wechat-signups only on channels the brand does not own (alibaba and wechat), never on an owned channel they consent to (email or sms); ${FIRST}`,
        ['alibaba-signups', 'new-members', 'wechat-signups'],
        AT_FIRST,
      ),
      finding(
        5,
        'campaign serum-launch reaches segment everyone only on channels the brand does not own (alibaba and wechat), never on an owned channel; its first send: offer-alibaba (promotion, alibaba) on 2026-03-01 08:00 GMT+8',
        ['everyone'],
        { at: '2026-03-01T08:00:00.000+08:00' },
      ),
    ]);
  });

  it('reads the campaign of a journey, on its relative timeline', async () => {
    const files = {
      'segments.yaml': segments,
      'templates.yaml': templates,
      'journeys.yaml': lines('journeys:', '  - id: launch-journey', '    entry: {segment: everyone, event: signup}', '    steps:', '      - send: plain-wechat', '      - send: offer-alibaba'),
    };
    expect(await findingsOf(rule, files)).toEqual([
      finding(6, 'campaign serum-launch reaches segment everyone only on channels the brand does not own (alibaba), never on an owned channel; its first send: offer-alibaba (promotion, alibaba) at signup', ['everyone'], { after: { event: 'signup', offset: 'P0D' } }, 'warning', 'journeys.yaml', 9),
    ]);
  });

  it('follows the config: a channel made owned closes the gap, an override by campaign turns the rule off', async () => {
    expect(await findingsOf(rule, { ...plan('everyone'), 'cxlint.config.yaml': lines('channels:', '  wechat: {owned: true}') })).toEqual([]);
    const off = lines('overrides:', '  - campaigns: [serum-launch]', '    rules:', '      owned-channel-gap: off');
    expect(await findingsOf(rule, { ...plan('everyone'), 'cxlint.config.yaml': off })).toEqual([]);
    const error = lines('overrides:', '  - segments: [everyone]', '    rules:', '      owned-channel-gap: error');
    expect(await findingsOf(rule, { ...plan('everyone'), 'cxlint.config.yaml': error })).toEqual([
      finding(2, `campaign serum-launch reaches segment everyone only on channels the brand does not own (alibaba and wechat), never on an owned channel; ${FIRST}`, ['everyone'], AT_FIRST, 'error'),
    ]);
  });
});
