import { DateTime } from 'luxon';
import type { Segment } from '../model/types.js';
import type { Timelines } from '../timeline/build.js';
import type { SendEntry } from '../timeline/types.js';
import type { Rule, SendFault } from './rule.js';
import { sendKey } from './kit/sends.js';
import { isValidTimeZone } from '../time/dates.js';
import { DAY, wallMillis, zoneNamed } from '../time/zoned.js';

export interface QuietWindow {
  start: string;
  end: string;
}

export interface QuietHoursOptions {
  /** Quiet hours start (inclusive), local `HH:mm`. */
  start: string;
  /** Quiet hours end (exclusive), local `HH:mm`; before `start` means the window runs past midnight. */
  end: string;
  /** Channels on which the quiet hours apply. */
  channels: string[];
  /** Other quiet hours for some channels (these channels are checked even when `channels` does not list them). */
  byChannel?: Record<string, QuietWindow>;
}

const TIME = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };

const minutesOf = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/** A window with its ends in minutes since midnight. */
interface Window extends QuietWindow {
  from: number;
  to: number;
}

/** The window that applies to a channel, or undefined when the channel has no quiet hours. */
function windowFor(options: QuietHoursOptions, channel: string): Window | undefined {
  const known = windows.get(options) ?? windows.set(options, new Map()).get(options)!;
  if (known.has(channel)) return known.get(channel);
  const written = options.byChannel?.[channel] ?? (options.channels.includes(channel) ? options : undefined);
  const window = written && { start: written.start, end: written.end, from: minutesOf(written.start), to: minutesOf(written.end) };
  known.set(channel, window);
  return window;
}

/** Each options' window by channel, asked for every send: made once. */
const windows = new WeakMap<QuietHoursOptions, Map<string, Window | undefined>>();

/** Whether a local time of day (in minutes since midnight) is inside the window: `start` included, `end` excluded, across midnight when end < start. */
function inWindow({ from: start, to: end }: Window, minute: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The local time of day at an instant in a zone, in minutes since midnight (seconds as a fraction), without a DateTime per send. */
function minuteOfDay(millis: number, zone: string): number {
  const wall = Math.floor(wallMillis(millis, zoneNamed(zone)) / 1000) * 1000;
  return (((wall % DAY) + DAY) % DAY) / 60_000;
}

/**
 * The send's local times in each zone where they fall in quiet hours. `wallClock` (a relative journey run) says the send's
 * time of day is local to the segment's first zone wherever the run was computed: such runs start at the send time of day.
 */
function faultOf(send: SendEntry, options: QuietHoursOptions, zones: string[], wallClock: boolean): SendFault | undefined {
  if (send.channel === undefined) return undefined;
  const window = windowFor(options, send.channel);
  if (!window) return undefined;
  const instant = wallClock ? DateTime.fromObject(send.time.toObject(), { zone: zones[0] }) : undefined;
  let hits: string[] | undefined;
  for (const zone of zones) {
    if (!isValidTimeZone(zone) || !inWindow(window, minuteOfDay(instant?.toMillis() ?? send.millis, zone))) continue;
    const local = (instant ?? send.time).setZone(zone);
    const sameDay = local.toISODate() === send.time.toISODate();
    (hits ??= []).push(`${local.toFormat(sameDay || wallClock ? 'HH:mm' : 'yyyy-MM-dd HH:mm')} in ${zone}`);
  }
  if (!hits) return undefined;
  const windowText = `${window.start}–${window.end}`;
  return {
    key: `${windowText}|${hits.join('|')}`,
    detail: `falls in the quiet hours ${windowText} of ${send.channel} (${hits.join(', ')})`,
    ids: [send.template, sendKey(send), send.channel],
  };
}

/** The zones a segment's members live in: its own (or inherited) list, else the zone its times are read in. */
function zonesOf(timelines: Timelines, segment: Segment): string[] {
  return segment.timezones.length ? segment.timezones : [timelines.zoneOf(segment.id)];
}

export const quietHours: Rule<QuietHoursOptions> = {
  id: 'quiet-hours',
  category: 'repeated',
  defaultSeverity: 'warning',
  description: 'A send at a local time inside quiet hours in one of the time zones of the segment.',
  optionsSchema: {
    type: 'object',
    properties: {
      start: { ...TIME, description: 'Start of the quiet hours, local HH:mm (included).' },
      end: { ...TIME, description: 'End of the quiet hours, local HH:mm (excluded); earlier than start means past midnight.' },
      channels: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Channels the quiet hours apply to.' },
      byChannel: {
        type: 'object',
        description: 'Other quiet hours for some channels: {sms: {start: "20:00", end: "09:00"}}.',
        additionalProperties: {
          type: 'object',
          properties: { start: TIME, end: TIME },
          required: ['start', 'end'],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { start: '21:00', end: '08:00', channels: ['sms', 'push', 'whatsapp', 'wechat'] },
  fixable: false,
  create({ timelines }) {
    // A segment's zones, asked for every send to it: made once.
    const zones = new Map<Segment, string[]>();
    const zonesFor = (segment: Segment): string[] => zones.get(segment) ?? zones.set(segment, zonesOf(timelines, segment)).get(segment)!;
    return {
      // The segments a relative journey run stands for may live in other zones: the times of day they see differ.
      splitBy: (segment) => JSON.stringify(zonesFor(segment)),
      // On a relative run, times of day are those the segments without a date for the entry event would see.
      onSend: ({ send }, timeline) => faultOf(send, timeline.options(send.campaign), zonesFor(timeline.segment), timeline.run !== undefined),
    };
  },
};
