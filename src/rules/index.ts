import { duplicateId } from './duplicate-id.js';
import { invalidInput } from './invalid-input.js';
import type { RuleMeta } from './rule.js';
import { unknownReference } from './unknown-reference.js';

/** Every rule cxlint knows, in the order `cxlint rules` lists them. */
export const RULES: readonly RuleMeta[] = [invalidInput, unknownReference, duplicateId];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((rule) => [rule.id, rule]));
