import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { sharedFormat } from '../shared-formats.js';

// The official schema, read where it lives (never copied into the project). It is JSON Schema draft-04, hence
// ajv-draft-04. Not `strict: false`: Ajv's strict mode objects to two things only, the schema's formats (ajv-formats
// makes them known, and checked: `uri`, `uri-reference`, `date-time`) and `required` names that the same subschema
// does not list in `properties` (`anyOf: [{required: ["index"]}, …]`, legal JSON Schema), hence `strictRequired: false`.
const SCHEMA = JSON.parse(sharedFormat('sarif-schema-2.1.0.json')) as object;
// Both are CommonJS modules whose `module.exports` is also their `.default`: `.default` is right for TypeScript and Node.
const ajv = new AjvDraft04.default({ strict: true, strictRequired: false, allErrors: true });
ajvFormats.default(ajv);
const validate = ajv.compile(SCHEMA);

/** What the official SARIF 2.1.0 schema finds wrong with a SARIF text, one line per error (empty: valid). */
export function schemaErrors(text: string): string[] {
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
