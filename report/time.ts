// Times on the page are read in a segment's zone, as the CLI shows them. The browser's own zone is never used: the axis
// is drawn in UTC over "wall-clock" milliseconds (an instant plus its zone's offset then), so that d3's UTC ticks fall
// on the segment's midnights and a 09:00 send sits at 09:00 on both sides of a DST change.

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const names = new Map<string, string>();
const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
    formatters.set(zone, found);
  }
  return found;
}

/** The zone's offset from UTC at an instant, in milliseconds; zones change offset on the hour, so it is cached per hour. */
export function offsetAt(zone: string, millis: number): number {
  const hour = Math.floor(millis / HOUR);
  const key = `${zone}\u0000${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const parts: Record<string, number> = {};
    for (const part of formatter(zone).formatToParts(hour * HOUR)) {
      if (part.type === 'timeZoneName') names.set(key, part.value);
      else if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    offset = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - hour * HOUR;
    offsets.set(key, offset);
  }
  return offset;
}

/** The instant as a wall-clock time in the zone, counted as if it were UTC. */
export const wall = (zone: string, millis: number): number => millis + offsetAt(zone, millis);

const pad = (value: number): string => String(value).padStart(2, '0');

/** `2026-07-05 09:00 CDT`: the date and time in the zone, as the CLI's reports show it (`GMT+8` where the zone has no abbreviation in English). */
export function localText(zone: string, millis: number): string {
  const offset = offsetAt(zone, millis);
  const date = new Date(millis + offset);
  const name = names.get(`${zone}\u0000${Math.floor(millis / HOUR)}`) ?? '';
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} ${name}`.trimEnd();
}

/** `T+5d`, `T-180d 2h`: a time on a journey's own timeline, from its entry event. */
export function relativeText(fromTrigger: number): string {
  const sign = fromTrigger < 0 ? '-' : '+';
  const total = Math.round(Math.abs(fromTrigger) / 60_000);
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [`${days}d`, hours ? `${hours}h` : '', minutes ? `${minutes}m` : ''].filter(Boolean);
  return `T${sign}${parts.join(' ')}`;
}
