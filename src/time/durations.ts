import { Duration } from 'luxon';

const SHORT_UNITS = { m: 'minutes', h: 'hours', d: 'days', w: 'weeks' } as const;

/**
 * Reads a duration: ISO 8601 (`P7D`, `PT36H`, `P1W`, `-P180D`) or short (`7d`, `36h`, `30m`, `2w`).
 * Days and weeks are calendar units (DST-correct when added to a zoned time); hours and minutes are exact.
 */
export function parseDuration(text: string): Duration | undefined {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const short = /^(\d+)([mhdw])$/.exec(body);
  const duration = short
    ? Duration.fromObject({ [SHORT_UNITS[short[2] as keyof typeof SHORT_UNITS]]: Number(short[1]) })
    : Duration.fromISO(body);
  if (!duration.isValid) return undefined;
  return negative ? duration.negate() : duration;
}

/** The duration as a marketer writes it: `180d`, `2h`, `1d 12h`, `-7d` (give it in days, hours and minutes). */
export function describeDuration(duration: Duration): string {
  const parts = duration.toObject();
  const negative = duration.toMillis() < 0;
  const text = (['days', 'hours', 'minutes'] as const)
    .filter((unit) => Math.round(parts[unit] ?? 0) !== 0)
    .map((unit) => `${Math.abs(Math.round(parts[unit] ?? 0))}${unit[0]}`)
    .join(' ');
  return (negative ? '-' : '') + (text || '0d');
}
