// The rules' option schemas compiled ahead of time (ajv standalone), as the plan's are: the engine checks the options a
// config gives with them, and no Ajv compiler is bundled or run at start-up. Shared by scripts/build.mjs, which writes
// src/generated/rule-options.js, and by the test that holds that file to the rules' current schemas.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** An export name for a rule id: `quiet-hours` → `quietHours`. */
const exportName = (id) => id.replace(/-(\w)/g, (_, char) => char.toUpperCase());

/** The module's text: one validator per rule that takes options, and `RULE_OPTIONS`, them by rule id. */
export function ruleOptionValidators(rules) {
  // As the engine reads the errors: every one (allErrors), with the schema and the data each is about (verbose).
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { source: true, esm: true } });
  const refs = {};
  for (const rule of rules) {
    if (!rule.optionsSchema) continue;
    ajv.addSchema(rule.optionsSchema, rule.id);
    refs[exportName(rule.id)] = rule.id;
  }
  const byId = Object.entries(refs).map(([name, id]) => `${JSON.stringify(id)}: ${name}`);
  return (
    `/* Generated from the rules' optionsSchema by scripts/build.mjs. Do not edit. */\n${standaloneCode(ajv, refs)}\nexport const RULE_OPTIONS = {${byId.join(', ')}};\n` +
    'export function ruleOptionValidators() {\n  return RULE_OPTIONS;\n}\n'
  );
}

export const RULE_OPTIONS_TYPES =
  "import type { Validator } from './validators.js';\n/** A rule's options validator by rule id, for every rule that takes options. */\nexport declare const RULE_OPTIONS: Readonly<Record<string, Validator>>;\n" +
  '/** RULE_OPTIONS, through a call: the command line loads this module (a chunk of its own) only when a config gives a rule options. */\nexport declare function ruleOptionValidators(): Readonly<Record<string, Validator>>;\n';
