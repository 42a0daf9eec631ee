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
          if (locales.every((wanted) => serves(content, wanted))) continue;
          const template = plan.templates.get(id)!;
          // One finding per template, naming each locale it lacks and the segments that read it.
          timeline.report({
            key: id,
            message: (segments) => lackingText(id, segments, (segment) => localesOf(plan.segments.get(segment)!).filter((wanted) => !serves(content, wanted))),
            location: keyLocationOf(template.source, 'content'),
            ids: [id],
            campaign: template.campaign,
          });
        }
      },
    };
  },
};

const localesOf = (segment: Segment): string[] => [...new Set(segment.locales)].sort();

/**
 * `template t has no content for fr-BE, nl-BE, locales of segment postpaid`; when the segments lack different locales,
 * each locale with its segments: `… for en-GB (segment expats), fr-BE (segments postpaid, retail)`.
 */
function lackingText(template: string, segments: readonly string[], lacking: (segment: string) => string[]): string {
  const byLocale = new Map<string, string[]>();
  for (const segment of segments) for (const locale of lacking(segment)) (byLocale.get(locale) ?? byLocale.set(locale, []).get(locale)!).push(segment);
  const locales = [...byLocale.keys()].sort();
  const readers = locales.map((locale) => byLocale.get(locale)!.join('\u0000'));
  if (new Set(readers).size === 1) {
    return `template ${template} has no content for ${locales.join(', ')}, ${locales.length === 1 ? 'a locale' : 'locales'} of ${segmentsText(byLocale.get(locales[0]!)!)}`;
  }
  return `template ${template} has no content for ${locales.map((locale) => `${locale} (${segmentsText(byLocale.get(locale)!)})`).join(', ')}`;
}

