import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// The official schema, read where it lives (never copied into the project). It is JSON Schema draft-04, hence
// ajv-draft-04. Not `strict: false`: Ajv's strict mode objects to two things only, the schema's formats (ajv-formats
// makes them known, and checked: `uri`, `uri-reference`, `date-time`) and `required` names that the same subschema
// does not list in `properties` (`anyOf: [{required: ["index"]}, …]`, legal JSON Schema), hence `strictRequired: false`.
const SCHEMA = JSON.parse(fs.readFileSync(schemaFile(), 'utf8')) as object;
// Both are CommonJS modules whose `module.exports` is also their `.default`: `.default` is right for TypeScript and Node.
const ajv = new AjvDraft04.default({ strict: true, strictRequired: false, allErrors: true });
ajvFormats.default(ajv);
const validate = ajv.compile(SCHEMA);

/** What the official SARIF 2.1.0 schema finds wrong with a SARIF text, one line per error (empty: valid). */
export function schemaErrors(text: string): string[] {
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/**
 * `../shared/formats/` beside the repository; in a git worktree (whose folder is elsewhere), beside the main checkout,
 * the folder that holds the common `.git`.
 */
function schemaFile(): string {
  const name = 'sarif-schema-2.1.0.json';
  const beside = fileURLToPath(new URL(`../../../shared/formats/${name}`, import.meta.url));
  if (fs.existsSync(beside)) return beside;
  const gitDir = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: path.dirname(fileURLToPath(import.meta.url)), encoding: 'utf8' }).trim();
  return path.join(path.dirname(path.dirname(gitDir)), 'shared', 'formats', name);
}
