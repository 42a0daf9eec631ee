import { Ajv } from 'ajv';
import type { RuleMeta } from '../rules/rule.js';
import { UsageError } from '../errors.js';

let ajv: Ajv | undefined;

/**
 * Checks a rule's options against the rule's own JSON Schema. Compiled only when a config sets options,
 * so that a plain run pays nothing for it.
 */
export function validateRuleOptions(rule: RuleMeta, options: Record<string, unknown>, where: string): void {
  if (!rule.optionsSchema) {
    if (Object.keys(options).length === 0) return;
    throw new UsageError(`${where}rule "${rule.id}" takes no options`);
  }
  ajv ??= new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(rule.optionsSchema);
  if (validate(options)) return;
  const details = (validate.errors ?? []).map((error) => `${error.instancePath || 'options'} ${error.message ?? 'is not valid'}`);
  throw new UsageError(`${where}bad options for rule "${rule.id}": ${details.join('; ')}`);
}
