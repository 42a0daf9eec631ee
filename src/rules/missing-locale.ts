import type { Segment } from '../model/types.js';
import { keyLocationOf } from '../model/types.js';
import type { Rule } from './rule.js';
import { segmentsText } from './kit/sends.js';

/** Locale tags compare case-insensitively, with `_` read as `-` (`en_us` is `en-US`). */
const normal = (locale: string): string => locale.trim().toLowerCase().replace(/_/g, '-');
const language = (locale: string): string => normal(locale).split('-')[0]!;

/**
 * Whether a template's content serves a locale: content for that very locale; or content for its language alone (`en`
 * serves `en-US` and `en-GB`, as sending platforms fall back to it); or, when the segment names a language alone (`fr`),
 * content for any variant of it (`fr-FR`).
 */
function serves(content: ReadonlySet<string>, locale: string): boolean {
  const wanted = normal(locale);
  if (content.has(wanted) || content.has(language(wanted))) return true;
  return !wanted.includes('-') && [...content].some((key) => language(key) === wanted);
}

export const missingLocale: Rule = {
  id: 'missing-locale',
  category: 'missing',
  defaultSeverity: 'error',
  description: 'A template lacks content for a locale of a segment it reaches.',
  fixable: false,
  create({ plan }) {
    // Templates with no content at all are not checked: their text lives elsewhere (a sending platform, an agency).
    const contentOf = new Map<string, Set<string>>();
    for (const template of plan.templates.values()) if (template.content.size > 0) contentOf.set(template.id, new Set([...template.content.keys()].map(normal)));
    if (contentOf.size === 0) return {};
    return {
      // Segments checked together may read different locales (on a relative journey timeline).
      splitBy: (segment) => localesOf(segment).join(','),
      onTimeline(timeline) {
        const locales = localesOf(timeline.segment);
        if (locales.length === 0) return;
        // A send reaches these segments' customers in both of two overlapping segments too, but needs there only the
        // locales both segments list (SPEC 4.1): those its own segment lists already.
        for (const id of new Set(timeline.entries.map(({ send }) => send.template).filter((template) => contentOf.has(template)))) {
          const content = contentOf.get(id)!;
          const template = plan.templates.get(id)!;
          // One finding per missing locale, listing every segment that reads it.
          for (const locale of locales.filter((wanted) => !serves(content, wanted))) {
            timeline.report({
              key: [id, locale].join('\u0000'),
              message: (segments) => `template ${id} has no content for ${locale}, a locale of ${segmentsText(segments)}`,
              location: keyLocationOf(template.source, 'content'),
              ids: [id, locale],
              campaign: template.campaign,
            });
          }
        }
      },
    };
  },
};

const localesOf = (segment: Segment): string[] => [...new Set(segment.locales)].sort();

