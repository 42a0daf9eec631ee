// The timeline's instants without luxon in the hot path (issue 14): each fast path must give what luxon gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime, Duration, IANAZone, Settings } from 'luxon';
import { parseIsoDate } from '../../src/time/dates.js';
import { describeInstant, isoInstant, zonedDateTime, zonedMillis, zoneNamed } from '../../src/time/zoned.js';
import { isWithin } from '../../src/rules/kit/windows.js';
import { describeDuration, describeMinutes } from '../../src/time/durations.js';
import type { SendEntry } from '../../src/timeline/types.js';
import { CalendarEntry } from '../../src/timeline/entry.js';

/** Zones with clocks that change in spring and autumn, on half hours, or not at all, and one that changed its offset for good. */
const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo', 'Pacific/Apia', 'UTC'];
/** 1900 to 2100: the years plans are written in, and before the zones' first rules. */
const INSTANTS = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });
/** Instants within a day of a change of clocks in 2026, where the remembered offsets must switch at the very millisecond. */
const NEAR_CHANGES = fc.tuple(fc.constantFrom(Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 3, 5, 15)), fc.integer({ min: -86_400_000, max: 86_400_000 })).map(([change, shift]) => change + shift);

describe('zones that remember their offsets day by day', () => {
  it('give the offset Intl gives, at any instant, and at every millisecond around a change of clocks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.oneof(INSTANTS, NEAR_CHANGES), (zone, millis) => {
        expect(zoneNamed(zone).offset(millis)).toBe(IANAZone.create(zone).offset(millis));
      }),
      { numRuns: 3000 },
    );
  });

  it('switch at the very millisecond of a change (Paris, New York, Lord Howe\'s half hour)', () => {
    const changes: Array<[string, number]> = [
      ['Europe/Paris', Date.UTC(2026, 2, 29, 1)],
      ['Europe/Paris', Date.UTC(2026, 9, 25, 1)],
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
    ];
    for (const [zone, change] of changes) {
      const offsets = [change - 1, change, change + 1].map((millis) => zoneNamed(zone).offset(millis));
      expect(offsets).toEqual([change - 1, change, change + 1].map((millis) => IANAZone.create(zone).offset(millis)));
      expect(offsets[0], zone).not.toBe(offsets[1]);
    }
  });
});

describe('plan dates read with arithmetic', () => {
  const DAYS = fc.tuple(fc.integer({ min: 1890, max: 2105 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }));
  const TIMES = fc.option(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined })), { nil: undefined });
  const two = (n: number): string => String(n).padStart(2, '0');

  it('accept and reject what luxon does, with the same local time', () => {
    fc.assert(
      fc.property(DAYS, TIMES, ([year, month, day], time) => {
        const date = `${year}-${two(month)}-${two(day)}`;
        const text = time ? `${date}T${two(time[0])}:${two(time[1])}${time[2] === undefined ? '' : `:${two(time[2])}`}` : date;
        const luxon = DateTime.fromISO(text, { zone: 'UTC' });
        const read = parseIsoDate(text);
        const real = luxon.isValid && luxon.year >= 1900 && luxon.year <= 9999;
        expect('date' in read, text).toBe(real);
        if ('date' in read) expect(read.date.local).toBe(time ? luxon.toFormat("yyyy-MM-dd'T'HH:mm:ss") : luxon.toFormat('yyyy-MM-dd'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('local times placed in a zone', () => {
  const local = (text: string, zone: string): string => {
    const read = parseIsoDate(text);
    if (!('date' in read)) throw new Error(read.error);
    return zonedDateTime(read.date, zone).toISO()!;
  };

  it('do not depend on today: a time that happens twice is the second one, summer or winter', () => {
    const now = Settings.now;
    try {
      for (const today of [Date.UTC(2026, 6, 1), Date.UTC(2026, 11, 1)]) {
        Settings.now = () => today;
        expect(local('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T01:30:00.000-05:00');
        expect(local('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00.000+01:00');
        expect(local('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T03:30:00.000+02:00');
      }
    } finally {
      Settings.now = now;
    }
  });

  it('are the instant luxon reads, except for the hour that happens twice', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.oneof(INSTANTS, NEAR_CHANGES), (zone, millis) => {
        const wall = DateTime.fromMillis(millis, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
        const luxon = DateTime.fromISO(wall, { zone });
        const ours = zonedMillis({ local: wall, hasTime: true }, zone);
        // The same wall-clock time an hour (or half an hour) later is the same local time again: an ambiguous one.
        const ambiguous = luxon.toMillis() !== ours && DateTime.fromMillis(ours, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss") === wall;
        if (!ambiguous) expect(ours, `${wall} in ${zone}`).toBe(luxon.toMillis());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('windows between sends, on instants', () => {
  /** A send as the timeline holds it, at an instant in a zone. */
  const sendAt = (millis: number, zone: string): SendEntry => {
    return new CalendarEntry(millis, zoneNamed(zone), 's', { template: 't' } as never, 0);
  };
  const DURATIONS = ['P1D', 'P7D', 'P1W', 'PT24H', 'P1DT12H', 'P14D', 'P30D', 'P1M'].map((text) => Duration.fromISO(text));

  it('say what luxon\'s calendar arithmetic says, across changes of clocks', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), NEAR_CHANGES, fc.constantFrom(...DURATIONS), fc.integer({ min: -4 * 3_600_000, max: 4 * 3_600_000 }), (zone, millis, duration, slack) => {
        const earlier = sendAt(millis, zone);
        const end = earlier.time.plus(duration).toMillis();
        const later = sendAt(end + slack, zone);
        expect(isWithin(earlier, later, duration)).toBe(later.millis < end);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('instants written without a DateTime', () => {
  it('as luxon\'s toISO and toFormat write them, in any zone, offsets of whole hours, half hours and local mean time alike', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES, 'America/Caracas', 'Europe/Amsterdam'), fc.oneof(INSTANTS, NEAR_CHANGES), (zone, millis) => {
        const time = DateTime.fromMillis(millis, { zone: zoneNamed(zone) });
        expect(isoInstant(millis, zoneNamed(zone))).toBe(time.toISO());
        expect(describeInstant(millis, zoneNamed(zone)).slice(0, 16)).toBe(time.toFormat('yyyy-MM-dd HH:mm'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('gaps in minutes, without a Duration', () => {
  it('are worded as luxon\'s days, hours and minutes of the same length are', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400 * 1440, max: 400 * 1440 }), (minutes) => {
        const luxon = Duration.fromObject({ minutes }).shiftTo('days', 'hours', 'minutes');
        expect(describeMinutes(minutes)).toBe(describeDuration(luxon));
      }),
      { numRuns: 3000 },
    );
  });
});
