import { duplicateId } from './duplicate-id.js';
import { invalidInput } from './invalid-input.js';
import type { Rule, RuleMeta } from './rule.js';
import { unknownReference } from './unknown-reference.js';

/** Rules that check the plan and its timelines, in the order of SPEC 6. */
export const CHECKS: ReadonlyArray<Rule<never>> = [];

/** Every rule cxlint knows, in the order `cxlint rules` lists them. */
export const RULES: readonly RuleMeta[] = [...CHECKS, invalidInput, unknownReference, duplicateId];

export const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((rule) => [rule.id, rule]));
