import type { Location } from '../findings/finding.js';
import { locationOf } from '../model/types.js';
import { KnownNames, SuggestionBudget, closestName } from '../shared/did-you-mean.js';
import type { Rule } from './rule.js';
import { placeholdersIn, textsIn } from './kit/content.js';

/** Whether a profile field (`first_name`, `leasing.*`, `*`) covers a placeholder: `a.*` matches `a.b` and `a.b.c`, not `a`. */
function covers(field: string, name: string): boolean {
  if (field === '*') return true;
  if (field.endsWith('.*')) return name.startsWith(field.slice(0, -1)) && name.length > field.length - 1;
  return field === name;
}

/**
 * What misspelt placeholders may have meant: each plain field, and for `a.*` the placeholder with its first parts
 * replaced by `a` (`{{leasng.end_date}}` → `leasing.end_date`). The plain fields are indexed once per run, each
 * distinct placeholder is answered once (a typo repeated in 30,000 templates costs one answer), within one budget.
 */
function suggester(fields: string[]): (name: string) => string | undefined {
  const plain = new KnownNames(fields.filter((field) => field !== '*' && !field.endsWith('.*')));
  const prefixes = fields.filter((field) => field.endsWith('.*')).map((field) => field.slice(0, -2));
  const wildcards = prefixes.map((prefix) => ({ prefix, depth: prefix.split('.').length }));
  const budget = new SuggestionBudget();
  const answers = new Map<string, string | undefined>();
  return (name) => {
    if (!answers.has(name)) {
      const parts = name.split('.');
      const expanded = wildcards.flatMap(({ prefix, depth }) => (parts.length > depth ? [`${prefix}.${parts.slice(depth).join('.')}`] : []));
      answers.set(name, closestName(name, [plain, new KnownNames(expanded)], budget));
    }
    return answers.get(name);
  };
}

/**
 * A placeholder that is not a field of the customer profile renders empty (or breaks the send) for every customer.
 * The profile is organisation-wide, like channels and intents, so it belongs to the config's vocabulary: the config's
 * `profile.fields` reaches the rule as `plan.vocabulary.profile`, and without a `profile` the rule has nothing to check
 * against and reports nothing. Checks every text of a template's content (every locale and field, nested ones too)
 * and its `facts`.
 */
export const undefinedPlaceholder: Rule = {
  id: 'undefined-placeholder',
  category: 'content',
  defaultSeverity: 'error',
  description: 'A placeholder that is not a field of the customer profile.',
  fixable: false,
  create({ plan, report }) {
    const fields = plan.vocabulary.profile;
    if (!fields) return {};
    const known = new Map<string, boolean>();
    const isField = (name: string): boolean => known.get(name) ?? known.set(name, fields.some((field) => covers(field, name))).get(name)!;
    const suggestion = suggester(fields);
    return {
      onTemplate(template) {
        // The location is looked up only for a text that holds an unknown placeholder.
        // One finding per text: the placeholders of one field that the profile lacks are one problem of that field.
        const checkText = (text: string, where: string, location: () => Location, ids: Array<string | number>): void => {
          const unknown = [...new Set(placeholdersIn(text))].filter((name) => !isField(name));
          if (unknown.length === 0) return;
          const hints = unknown.flatMap((name) => {
            const hint = suggestion(name);
            return hint ? [unknown.length === 1 ? `did you mean {{${hint}}}?` : `{{${name}}}: did you mean {{${hint}}}?`] : [];
          });
          const names = unknown.map((name) => `{{${name}}}`).join(', ');
          const verb = unknown.length === 1 ? 'is not a field' : 'are not fields';
          report({
            message: `${names} in ${template.id} (${where}) ${verb} of the customer profile${hints.length ? `; ${hints.join('; ')}` : ''}`,
            location: location(),
            ids: [template.id, ...ids.map(String), ...unknown],
            campaign: template.campaign,
          });
        };
        for (const [locale, content] of template.content) {
          for (const { path, text } of textsIn(content)) {
            checkText(text, [locale, ...path].join(' '), () => locationOf(template.source, 'content', locale, ...path), ['content', locale, ...path]);
          }
        }
        for (const [fact, value] of Object.entries(template.facts)) {
          checkText(value, `fact ${fact}`, () => locationOf(template.source, 'facts', fact), ['facts', fact]);
        }
      },
    };
  },
};
