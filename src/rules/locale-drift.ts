import type { Template } from '../model/types.js';
import { keyLocationOf } from '../model/types.js';
import type { Rule } from './rule.js';
import { amountsIn, codesIn, percentagesIn, placeholdersIn, readable, textsIn, withoutPlaceholders } from './kit/content.js';

/** What one locale's content says, in comparable form: each aspect maps a canonical key to how it was written. */
interface Said {
  placeholders: Map<string, string>;
  codes: Map<string, string>;
  percentages: Map<number, string>;
  amounts: Map<number, string>;
}

/** Keeps the first way each key was written. */
function keepFirst<K>(into: Map<K, string>, found: Iterable<[K, string]>): void {
  for (const [key, written] of found) if (!into.has(key)) into.set(key, written);
}

function said(template: Template, locale: string, content: Record<string, unknown>): Said {
  const result: Said = { placeholders: new Map(), codes: new Map(), percentages: new Map(), amounts: new Map() };
  for (const { text } of textsIn(content)) {
    keepFirst(result.placeholders, placeholdersIn(text).map((name) => [name, `{{${name}}}`]));
    const plain = readable(withoutPlaceholders(text));
    keepFirst(result.codes, [...codesIn(plain, template.offer?.code)].map((code) => [code, code]));
    keepFirst(result.percentages, percentagesIn(plain, locale));
    keepFirst(result.amounts, amountsIn(plain, locale));
  }
  return result;
}

const ASPECTS = [
  ['placeholders', 'placeholders'],
  ['codes', 'offer codes'],
  ['percentages', 'percentages'],
  ['amounts', 'amounts'],
] as const;

const sameKeys = (a: Map<unknown, string>, b: Map<unknown, string>): boolean => a.size === b.size && [...a.keys()].every((key) => b.has(key));
const listed = (values: Map<unknown, string>): string => (values.size ? [...values.values()].join(', ') : 'none');

/**
 * Locale variants of one template that say different things: each locale is compared with the first one written
 * (the reference) on its placeholders, its offer codes, and its percentages and amounts read as numbers in the
 * locale's own notation (`10 %`, `10%` and `10,0 %` agree; `1 000 €` and `€1,000` agree). One finding per locale,
 * naming each aspect that differs, at the locale's key in `content`.
 */
export const localeDrift: Rule = {
  id: 'locale-drift',
  category: 'content',
  defaultSeverity: 'warning',
  description: 'Locale variants of one template disagree on placeholders, offer codes or numbers.',
  fixable: false,
  create({ report }) {
    return {
      onTemplate(template) {
        const [first, ...others] = [...template.content];
        if (!first || others.length === 0) return;
        const [reference, referenceContent] = first;
        const expected = said(template, reference, referenceContent);
        for (const [locale, content] of others) {
          const actual = said(template, locale, content);
          // One finding per locale: the ways one locale drifts from the reference are one problem of that locale.
          const drifted = ASPECTS.filter(([aspect]) => !sameKeys(expected[aspect], actual[aspect]));
          if (drifted.length === 0) continue;
          const differences = drifted.map(([aspect, name], index) => `${index ? 'its ' : ''}${name} (${listed(actual[aspect])}) ${index ? '' : 'differ '}from ${reference}'s (${listed(expected[aspect])})`);
          report({
            message: `${template.id}: ${locale}'s ${differences.join(', and ')}`,
            location: keyLocationOf(template.source, 'content', locale),
            // A drift in one aspect keeps the fingerprint it had when each aspect was a finding of its own.
            ids: [template.id, locale, ...drifted.map(([aspect]) => aspect)],
            campaign: template.campaign,
          });
        }
      },
    };
  },
};
