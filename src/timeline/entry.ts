import { DateTime } from 'luxon';
import type { Zone } from 'luxon';
import type { Send } from '../model/types.js';
import type { CalendarOrigin, SendEntry } from './types.js';

/**
 * One delivery of a calendar row. A plan of a million sends is placed and swept by instants; the zoned time (a luxon
 * DateTime, ~1 µs and a few hundred bytes) is made only for the sends a rule reads it of, the row's fields are read
 * from the row instead of copied into each occurrence, and the delivery is its own origin (no second object per send).
 */
export class CalendarEntry implements SendEntry, CalendarOrigin {
  readonly kind = 'calendar';
  private zoned?: DateTime;
  private knownOffset?: number;

  constructor(
    readonly millis: number,
    readonly zone: Zone,
    readonly segment: string,
    readonly send: Send,
    readonly occurrence: number,
  ) {}

  get origin(): CalendarOrigin {
    return this;
  }

  get time(): DateTime {
    return (this.zoned ??= DateTime.fromMillis(this.millis, { zone: this.zone }));
  }

  get offset(): number {
    return (this.knownOffset ??= this.zone.offset(this.millis));
  }

  get template(): string {
    return this.send.template;
  }

  get channel(): string | undefined {
    return this.send.channel;
  }

  get campaign(): string | undefined {
    return this.send.campaign;
  }

  get owner(): string | undefined {
    return this.send.owner;
  }
}
