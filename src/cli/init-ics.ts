import type { Field } from '../loaders/adapters/ics-read.js';
import { eventFieldsOf } from '../loaders/adapters/ics-read.js';
import type { Plan } from '../model/types.js';

/**
 * What `cxlint init` proposes for an iCalendar file (docs/adapters.md#icalendar-ics): the events name their segment and
 * template on lines of their description by default; for a file whose events do not, the property that names them,
 * found by what its values hold (segment and template ids of the plan).
 */

/**
 * The properties tried, in order: whole values (a CATEGORIES list gives each item), then an id written in brackets at
 * the start of the title, as Outlook invitations tag it (`[spring-upgrade-email] Relance offre`), or in parentheses at
 * its end.
 */
const SOURCES = ['CATEGORIES', 'SUMMARY', 'LOCATION', 'SUMMARY /^\\[(\\S+)\\]/', 'SUMMARY /\\((\\S+)\\)$/'];

/** The fields a send cannot do without, each checked against the plan's ids. */
const REQUIRED: Array<{ field: Field; known: (plan: Plan, id: string) => boolean }> = [
  { field: 'segment', known: (plan, id) => plan.segments.has(id) },
  { field: 'template', known: (plan, id) => plan.templates.has(id) },
];

/**
 * The columns of `text`'s events: for each required field that some event does not name by default, the first source
 * that gives every event ids of the plan (a mapped property replaces the default for every event of the file, so it
 * must do for all of them); a note for a field no source gives.
 */
export function icsColumns(text: string, plan: Plan | undefined): { columns: Record<string, string>; notes: string[] } {
  const columns: Record<string, string> = {};
  const notes: string[] = [];
  const fieldsUnder = eventFieldsOf(text);
  const events = fieldsUnder?.({}) ?? [];
  if (!fieldsUnder || events.length === 0) return { columns, notes };
  for (const { field, known } of REQUIRED) {
    const unnamed = events.filter((event) => !event[field]?.length).length;
    if (unnamed === 0) continue;
    const source = plan && SOURCES.find((candidate) => fieldsUnder({ [field]: candidate }).every((event) => namesKnown(event[field], (id) => known(plan, id))));
    if (source) {
      columns[field] = source;
      notes.push(`columns.${field}: ${source} holds ${field} ids of the plan in every event`);
    } else {
      notes.push(
        `columns.${field} not found: ${unnamed} of ${events.length} events name none, and no property holds ${field} ids of the plan in every event; ` +
          'map one (PROPERTY, or PROPERTY /pattern/ with the id in its first group)',
      );
    }
  }
  return { columns, notes };
}

const namesKnown = (ids: string[] | undefined, known: (id: string) => boolean): boolean => ids !== undefined && ids.length > 0 && ids.every(known);
