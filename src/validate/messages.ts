import type { ErrorObject } from 'ajv';
import { didYouMean } from '../shared/did-you-mean.js';

interface SchemaLike {
  title?: string;
  description?: string;
  properties?: Record<string, unknown>;
  enum?: unknown[];
}

const THINGS: Record<string, string> = {
  segments: 'segment',
  templates: 'template',
  calendar: 'calendar send',
  journeys: 'journey',
  steps: 'journey step',
  branch: 'branch option',
  inputs: 'input mapping',
  overrides: 'override',
};

/** What a marketer calls the object at this pointer: "calendar send", "journey step", … */
export function thingAt(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const part = parts[i] ?? '';
    if (/^\d+$/.test(part)) {
      const thing = THINGS[parts[i - 1] ?? ''];
      if (thing) return thing;
    } else if (i === parts.length - 1) {
      return `"${part}"`;
    }
  }
  return parts.length === 0 ? 'the file' : `"${parts[parts.length - 1]}"`;
}

function fieldName(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(last) ? `item ${Number(last) + 1} of "${fieldName(pointer.slice(0, pointer.lastIndexOf('/')))}"`.replace(/""/g, '"') : last;
}

/** JSON Schema types as a marketer says them. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'empty',
};

/** What a value is, to close a message: `it is "25:00"`, `it is a list`, `it is empty`. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'it is empty';
  if (Array.isArray(value)) return 'it is a list';
  if (typeof value === 'object') return 'it is a mapping';
  if (typeof value === 'string') return `it is "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `it is ${String(value)}`;
}

const PATTERN_HINTS: Record<string, string> = {
  'Date time': 'is not a date: write 2026-06-30 or 2026-06-30T09:30',
  Duration: 'is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w',
  Id: 'is not a valid id: ids cannot contain spaces',
};

/**
 * ajv reports an `anyOf` and every failed branch under it; a marketer needs only the `anyOf`. A branch's error is under
 * the `anyOf` in the schema (at or below its value), or, when the branch is a `$ref`, in the definition it names, at the
 * value itself: what a `$ref` says of a value below it (`"lease end" is not a valid id`) is kept, as the place to fix.
 */
export function withoutBranchErrors(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf');
  const within = (error: ErrorObject, anyOf: ErrorObject): boolean => error.instancePath === anyOf.instancePath || error.instancePath.startsWith(`${anyOf.instancePath}/`);
  const branchOf = (error: ErrorObject, anyOf: ErrorObject): boolean =>
    (within(error, anyOf) && error.schemaPath.startsWith(anyOf.schemaPath.replace(/\/anyOf$/, '/anyOf/'))) ||
    (error.instancePath === anyOf.instancePath && error.schemaPath.startsWith('#/definitions/'));
  // Text where text or a list or mapping is allowed (`quiet-hours: warnig`, `wait: 3 days`): what the text branch says
  // of it (the words it may be, did-you-mean and all; the form it must have) is the message, not "is not valid".
  const textErrors = (anyOf: ErrorObject): ErrorObject[] =>
    typeof anyOf.data === 'string' ? errors.filter((error) => TEXT_KEYWORDS.has(error.keyword) && error.instancePath === anyOf.instancePath && branchOf(error, anyOf)) : [];
  const kept = new Set(
    anyOfs.flatMap((anyOf) => {
      const text = textErrors(anyOf);
      return text.length ? text : [anyOf];
    }),
  );
  return errors.filter((error) => kept.has(error) || !anyOfs.some((anyOf) => error === anyOf || branchOf(error, anyOf)));
}

/** What a schema says of a text's own value, not of its type. */
const TEXT_KEYWORDS = new Set(['enum', 'pattern', 'minLength', 'maxLength', 'const']);

const COMPARISONS: Record<string, string> = { '>=': 'at least', '>': 'more than', '<=': 'at most', '<': 'less than' };

/**
 * What an ajv error says of a value, worded the same wherever the value stands (a plan file's field, a rule's option):
 * `<subject> must be one of …, but it is "x"; did you mean …`. Undefined for the keywords each caller words its own way
 * (what is missing, unknown or malformed, and which of several forms).
 */
export function valueMessage(error: ErrorObject, subject: string): string | undefined {
  const schema = (error.parentSchema ?? {}) as SchemaLike;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = String(params.type).split(',').map((type) => TYPE_WORDS[type] ?? type);
      return `${subject} must be ${types.join(' or ')}, but ${describe(error.data)}`;
    }
    case 'enum': {
      const allowed = (schema.enum ?? (params.allowedValues as unknown[]) ?? []).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return `${subject} must be one of ${allowed.join(', ')}, but ${describe(error.data)}${hint ? `; did you mean "${hint}"?` : ''}`;
    }
    case 'const':
      return `${subject} must be ${JSON.stringify(params.allowedValue)}, but ${describe(error.data)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${subject} must be ${COMPARISONS[String(params.comparison)] ?? String(params.comparison)} ${String(params.limit)}, but ${describe(error.data)}`;
    case 'minItems':
    case 'minLength':
      return `${subject} must not be empty`;
    case 'maxLength':
      return `${subject} must be at most ${String(params.limit)} character${params.limit === 1 ? '' : 's'} long`;
    case 'maxItems':
      return `${subject} has too many items (at most ${String(params.limit)})`;
    case 'uniqueItems':
      return `${subject} lists ${JSON.stringify((error.data as unknown[])[Number(params.j)])} twice`;
    default:
      return undefined;
  }
}

/** Turns one ajv error into a sentence a marketer understands, naming the field and what it should be. */
export function messageFor(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as SchemaLike;
  // A field by its name in quotes (`"kind"`); an item of a list as `item 1 of "duplicate-message"`, its list quoted.
  const name = fieldName(error.instancePath);
  const field = /^\d+$/.test(error.instancePath.slice(error.instancePath.lastIndexOf('/') + 1)) ? name : `"${name}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${thingAt(error.instancePath)} is missing "${String(params.missingProperty)}"`;
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys(schema.properties ?? {}).filter((key) => key !== '$schema');
      const hint = didYouMean(name, known);
      const thing = thingAt(error.instancePath).replace(/"/g, '');
      const where = error.instancePath === '' ? 'this file' : `${/^[aeiou]/i.test(thing) ? 'an' : 'a'} ${thing}`;
      return `unknown field "${name}" in ${where}${hint ? `; did you mean "${hint}"?` : known.length ? `; expected one of ${known.join(', ')}` : ''}`;
    }
    case 'pattern': {
      const hint = PATTERN_HINTS[schema.title ?? ''];
      return hint ? `${JSON.stringify(error.data)} ${hint}` : `${field} is not in the expected form (${schema.description ?? String(params.pattern)})`;
    }
    case 'anyOf':
      return `${field} is not valid: ${schema.description ?? 'it is neither a value nor a list of values'}`;
    default:
      return valueMessage(error, field) ?? `${field} ${error.message ?? 'is not valid'}`;
  }
}
