import type { Adapter } from './types.js';
// The reading, with ical.js and the Windows zone names, is a chunk of its own in the command line
// (scripts/bundle-cli.mjs): only a run that reads an .ics file loads it.
import { readIcs } from './ics-read.js';

/** A year of daily sends is well under a megabyte; a calendar of many teams over years stays far below this. */
export const MAX_ICS_BYTES = 64 * 1024 * 1024;

/** iCalendar calendars (ADAPTERS.md §3): the `.ics` name is the sure sign, and the first line is checked. */
export const icsAdapter: Adapter = {
  name: 'ics',
  handles: (file) => /\.ics$/i.test(file),
  maxBytes: MAX_ICS_BYTES,
  read: readIcs,
};
