import { describe, expect, it } from 'vitest';
import type { RelativeTime } from '../../src/findings/finding.js';
import type { Brief } from './helpers.js';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'channel-parity';

const segments = lines(
  'segments:',
  '  - id: members',
  '    timezone: Asia/Shanghai',
  '  - {id: members-north, parent: members, events: {signup: 2026-03-01}}',
  '  - {id: members-south, parent: members, events: {signup: 2026-03-02}}',
  '  - id: wechat-only',
  '    timezone: Asia/Shanghai',
  '    consent: [wechat, email]',
);

const templates = lines(
  'templates:',
  '  - {id: offer-wechat, channel: wechat, intent: promotion, campaign: serum-launch}',
  '  - {id: offer-alibaba, channel: alibaba, intent: promotion, campaign: serum-launch}',
  '  - {id: offer-social, channel: social, intent: promotion, campaign: serum-launch}',
  '  - {id: other-alibaba, channel: alibaba, intent: promotion, campaign: spring-sale}',
);

const GROUP = lines('rules:', '  channel-parity: [warning, {groups: [[wechat, alibaba]]}]');

const plan = (config: string | undefined, ...calendar: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'calendar.yaml': lines('calendar:', ...calendar),
  ...(config !== undefined ? { 'cxlint.config.yaml': config } : {}),
});

/** A finding at its send: `at` its instant (Shanghai time, +08:00), or `after` the entry event on a journey's relative run. */
const finding = (line: number, message: string, segmentList: string[], when: string | RelativeTime, severity = 'warning', file = 'calendar.yaml', column = 5): Brief => ({
  rule,
  file,
  line,
  column,
  severity,
  message,
  segments: segmentList,
  ...(typeof when === 'string' ? { at: when } : { after: when }),
});

const ALL = ['members', 'members-north', 'members-south'];
const wechatRow = '  - {id: launch-wechat, date: 2026-03-12T10:00, segment: members, template: offer-wechat}';

describe('channel-parity', () => {
  it('does nothing until the config names a group (the preset names none)', async () => {
    expect(await findingsOf(rule, plan(undefined, wechatRow))).toEqual([]);
  });

  it('reports a campaign on wechat and not on alibaba, once, at the send, for every segment', async () => {
    expect(await findingsOf(rule, plan(GROUP, wechatRow))).toEqual([
      finding(2, 'campaign serum-launch is on wechat (offer-wechat on 2026-03-12 10:00 GMT+8) but not on alibaba within P7D, for segments members, members-north, members-south', ALL, '2026-03-12T10:00:00.000+08:00'),
    ]);
  });

  it('is satisfied by the counterpart within the window, before or after, up to exactly the window (false-positive guard)', async () => {
    expect(await findingsOf(rule, plan(GROUP, wechatRow, '  - {date: 2026-03-19T10:00, segment: members, template: offer-alibaba}'))).toEqual([]);
    expect(await findingsOf(rule, plan(GROUP, wechatRow, '  - {date: 2026-03-05T10:00, segment: members, template: offer-alibaba}'))).toEqual([]);
  });

  it('reports both sides when the counterpart is a minute outside the window', async () => {
    expect(await findingsOf(rule, plan(GROUP, wechatRow, '  - {id: late-tmall, date: 2026-03-19T10:01, segment: members, template: offer-alibaba}'))).toEqual([
      finding(2, 'campaign serum-launch is on wechat (offer-wechat on 2026-03-12 10:00 GMT+8) but not on alibaba within P7D, for segments members, members-north, members-south', ALL, '2026-03-12T10:00:00.000+08:00'),
      finding(3, 'campaign serum-launch is on alibaba (offer-alibaba on 2026-03-19 10:01 GMT+8) but not on wechat within P7D, for segments members, members-north, members-south', ALL, '2026-03-19T10:01:00.000+08:00'),
    ]);
  });

  it('needs the same campaign on the other channel', async () => {
    expect(await findingsOf(rule, plan(GROUP, wechatRow, '  - {date: 2026-03-12T10:00, segment: members, template: other-alibaba}'))).toEqual([
      finding(2, 'campaign serum-launch is on wechat (offer-wechat on 2026-03-12 10:00 GMT+8) but not on alibaba within P7D, for segments members, members-north, members-south', ALL, '2026-03-12T10:00:00.000+08:00'),
      finding(3, 'campaign spring-sale is on alibaba (other-alibaba on 2026-03-12 10:00 GMT+8) but not on wechat within P7D, for segments members, members-north, members-south', ALL, '2026-03-12T10:00:00.000+08:00'),
    ]);
  });

  it('asks nothing of a channel the segment did not consent to', async () => {
    expect(await findingsOf(rule, plan(GROUP, '  - {date: 2026-03-12T10:00, segment: wechat-only, template: offer-wechat}'))).toEqual([]);
  });

  it('names every missing member of a larger group, and takes the window from the config', async () => {
    const config = lines('rules:', '  channel-parity: [error, {groups: [[wechat, alibaba, social]], window: P2D}]');
    expect(await findingsOf(rule, plan(config, wechatRow, '  - {date: 2026-03-16T10:00, segment: members, template: offer-alibaba}'))).toEqual([
      finding(2, 'campaign serum-launch is on wechat (offer-wechat on 2026-03-12 10:00 GMT+8) but not on alibaba or social within P2D, for segments members, members-north, members-south', ALL, '2026-03-12T10:00:00.000+08:00', 'error'),
      finding(3, 'campaign serum-launch is on alibaba (offer-alibaba on 2026-03-16 10:00 GMT+8) but not on wechat or social within P2D, for segments members, members-north, members-south', ALL, '2026-03-16T10:00:00.000+08:00', 'error'),
    ]);
  });

  it('applies an override to the segments it names', async () => {
    const config = GROUP + lines('overrides:', '  - segments: [members-south]', '    rules:', '      channel-parity: [warning, {window: P10D}]');
    expect(await findingsOf(rule, plan(config, wechatRow, '  - {date: 2026-03-21T10:00, segment: members, template: offer-alibaba}'))).toEqual([
      finding(2, 'campaign serum-launch is on wechat (offer-wechat on 2026-03-12 10:00 GMT+8) but not on alibaba within P7D, for segments members, members-north', ['members', 'members-north'], '2026-03-12T10:00:00.000+08:00'),
      finding(3, 'campaign serum-launch is on alibaba (offer-alibaba on 2026-03-21 10:00 GMT+8) but not on wechat within P7D, for segments members, members-north', ['members', 'members-north'], '2026-03-21T10:00:00.000+08:00'),
    ]);
  });

  it('does not take a send on another path of the same journey as the counterpart', async () => {
    const journeys = lines(
      'journeys:',
      '  - id: launch',
      '    entry: {segment: wechat-only, event: signup}',
      '    steps:',
      '      - branch:',
      '          - {when: {event: opened, within: PT1H}, next: wechat}',
      '          - {otherwise: true, next: alibaba}',
      '      - {id: wechat, send: offer-wechat, next: done}',
      '      - {id: alibaba, send: offer-alibaba}',
      '      - {id: done, exit: true}',
    );
    const config = lines('rules:', '  channel-parity: [warning, {groups: [[wechat, email]]}]');
    const files = { 'segments.yaml': segments, 'templates.yaml': templates + lines('  - {id: offer-email, channel: email, intent: promotion, campaign: serum-launch}'), 'journeys.yaml': journeys, 'cxlint.config.yaml': config };
    files['journeys.yaml'] = journeys.replace('send: offer-alibaba', 'send: offer-email');
    expect(await findingsOf(rule, files)).toEqual([
      finding(8, 'campaign serum-launch is on wechat (offer-wechat on signup) but not on email within P7D, for segment wechat-only', ['wechat-only'], { event: 'signup', offset: 'P0D' }, 'warning', 'journeys.yaml', 9),
      finding(9, 'campaign serum-launch is on email (offer-email on signup+1h) but not on wechat within P7D, for segment wechat-only', ['wechat-only'], { event: 'signup', offset: 'PT1H' }, 'warning', 'journeys.yaml', 9),
    ]);
  });
});
