import { DateTime, Duration } from 'luxon';
import type { Zone } from 'luxon';
import type { Location } from '../findings/finding.js';
import type { Send, Source } from '../model/types.js';
import { locationOf } from '../model/types.js';
import { flat } from '../shared/flat.js';
import { describeDuration } from '../time/durations.js';
import { describeInstant, isoInstant } from '../time/zoned.js';
import type { CalendarOrigin, JourneyOrigin, JourneyRun, SendEntry, SendWhen } from './types.js';

/** What findings say of one delivery, each worked out when first asked: a send is named in many findings. */
class DeliveryNotes {
  location?: Location;
  id?: string;
  when?: SendWhen;
  whenText?: string;
}

/**
 * A delivery's facts that findings name it by (SPEC 6, 9): where it stands, its id, when it happens. Each is worked out
 * once, when a rule first asks, and kept on the delivery. They were kept in a WeakMap per fact, by send: a finding
 * looked a send up in several tables of 150,000 entries, ~0.8 s of a plan with 300,000 findings. A delivery nobody
 * asks about keeps one empty slot, not four.
 */
abstract class Delivery {
  abstract readonly millis: number;
  abstract readonly zone: Zone;
  abstract readonly offset: number;
  abstract readonly time: DateTime;
  abstract readonly origin: CalendarOrigin | JourneyOrigin;
  private notes?: DeliveryNotes;

  private get noted(): DeliveryNotes {
    return (this.notes ??= new DeliveryNotes());
  }

  /** Where its row or step stands: one frozen Location, shared by every occurrence of the row and every finding. */
  get location(): Location {
    const notes = this.noted;
    if (notes.location === undefined) {
      const origin = this.origin;
      const source = origin.kind === 'calendar' ? origin.send.source : origin.step.source;
      notes.location = located.get(source) ?? located.set(source, Object.freeze(locationOf(source))).get(source)!;
    }
    return notes.location;
  }

  get deliveryId(): string {
    const notes = this.noted;
    if (notes.id === undefined) {
      const origin = this.origin;
      if (origin.kind === 'journey') notes.id = origin.step.key;
      else notes.id = origin.send.repeat ? flat(`${origin.send.key}#${origin.occurrence}`) : origin.send.key;
    }
    return notes.id;
  }

  get when(): SendWhen {
    const notes = this.noted;
    if (notes.when === undefined) {
      const origin = this.origin;
      notes.when =
        origin.kind === 'journey' && origin.run.relative
          ? { after: { event: origin.run.journey.entry.event ?? 'entry', offset: offsetFromEvent(this.time, origin.run) } }
          : { at: flat(isoInstant(this.millis, this.zone, this.offset)) };
    }
    return notes.when;
  }

  get whenText(): string {
    const notes = this.noted;
    if (notes.whenText === undefined) {
      const origin = this.origin;
      if (origin.kind !== 'journey' || !origin.run.relative) notes.whenText = flat(describeInstant(this.millis, this.zone, this.offset));
      else {
        // On a relative timeline, the time from the entry event, named: `signup`, `signup+1d`, `lease_end-180d`.
        const fromEvent = sinceEntryEvent(this.time, origin.run);
        const shift = fromEvent.toMillis() === 0 ? '' : `${fromEvent.toMillis() < 0 ? '' : '+'}${describeDuration(fromEvent)}`;
        notes.whenText = flat(`${origin.run.journey.entry.event ?? 'T'}${shift}`);
      }
    }
    return notes.whenText;
  }
}

/** A row's Location, shared by its occurrences (a weekly row is 52 deliveries). */
const located = new WeakMap<Source, Location>();

/** How far a send on a relative journey timeline stands from the entry event, in days, hours and minutes. */
function sinceEntryEvent(time: DateTime, run: JourneyRun): Duration {
  return time.diff(run.trigger ?? run.start, ['days', 'hours', 'minutes']);
}

/** The same, in ISO 8601: `P1D`, `PT36H`, `-P180D`, `P0D`. */
function offsetFromEvent(time: DateTime, run: JourneyRun): string {
  const fromEvent = sinceEntryEvent(time, run);
  const sign = fromEvent.toMillis() < 0 ? '-' : '';
  const units = Object.entries(fromEvent.toObject()).filter(([, amount]) => Math.round(amount ?? 0) !== 0);
  const shown = Duration.fromObject(Object.fromEntries(units.map(([unit, amount]) => [unit, Math.abs(Math.round(amount!))])));
  return `${sign}${units.length ? shown.toISO() : 'P0D'}`;
}

/**
 * One delivery of a calendar row. A plan of a million sends is placed and swept by instants; the zoned time (a luxon
 * DateTime, ~1 µs and a few hundred bytes) is made only for the sends a rule reads it of, the row's fields are read
 * from the row instead of copied into each occurrence, and the delivery is its own origin (no second object per send).
 */
export class CalendarEntry extends Delivery implements SendEntry, CalendarOrigin {
  readonly kind = 'calendar';
  private zoned?: DateTime;
  private knownOffset?: number;

  constructor(
    readonly millis: number,
    readonly zone: Zone,
    readonly segment: string,
    readonly send: Send,
    readonly occurrence: number,
  ) {
    super();
  }

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

/** What a journey's send step delivers on one path of one run, besides its time. */
export interface StepDelivery {
  template: string;
  channel: string | undefined;
  campaign: string | undefined;
  owner: string | undefined;
  segment: string;
}

/** One delivery of a journey's send step, on the paths of one run that reach it at this time. */
export class JourneyEntry extends Delivery implements SendEntry {
  readonly millis: number;
  readonly zone: Zone;
  readonly offset: number;
  readonly template: string;
  readonly channel: string | undefined;
  readonly campaign: string | undefined;
  readonly owner: string | undefined;
  readonly segment: string;

  constructor(
    readonly time: DateTime,
    { template, channel, campaign, owner, segment }: StepDelivery,
    readonly origin: JourneyOrigin,
  ) {
    super();
    this.millis = time.toMillis();
    this.zone = time.zone;
    this.offset = time.offset;
    this.template = template;
    this.channel = channel;
    this.campaign = campaign;
    this.owner = owner;
    this.segment = segment;
  }
}
