import type { Template } from '../model/types.js';
import { keyLocationOf } from '../model/types.js';
import type { TimelineEntry } from '../timeline/types.js';
import type { Rule } from './rule.js';
import { ProblemsBySegment } from './kit/reporting.js';
import { segmentsText, throughOverlap } from './kit/sends.js';
import { timelinesToCheck } from './kit/traversal.js';

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

/** `fr-CA`, `fr-CA and de-DE`, `a, b and c`. */
const andText = (items: string[]): string => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? ''));

export const missingLocale: Rule = {
  id: 'missing-locale',
  category: 'missing',
  defaultSeverity: 'error',
  description: 'A template lacks content for a locale of a segment it reaches.',
  fixable: false,
  check(context) {
    const { plan, timelines } = context;
    // Templates with no content at all are not checked: their text lives elsewhere (a sending platform, an agency).
    const contentOf = new Map<string, Set<string>>();
    for (const template of plan.templates.values()) if (template.content.size > 0) contentOf.set(template.id, new Set([...template.content.keys()].map(normal)));
    if (contentOf.size === 0) return;

    const problems = new ProblemsBySegment();
    const report = (template: Template, segments: string[], missing: string[], overlap: string): void => {
      problems.add([template.id, missing.join(','), overlap].join('\u0000'), segments, (all) => ({
        message: `template ${template.id} has no content for ${andText(missing)}, ${missing.length > 1 ? 'locales' : 'a locale'} of ${segmentsText(all)}${overlap}`,
        location: keyLocationOf(template.source, 'content'),
        ids: [template.id, ...missing],
        ...(template.campaign !== undefined ? { campaign: template.campaign } : {}),
      }));
    };

    for (const { segments, entries } of timelinesToCheck(timelines)) {
      // Templates reaching these segments; for each, whether only through declared overlaps (it then may reach them).
      const direct = new Set<string>();
      const throughOverlaps = new Map<string, Map<string, TimelineEntry>>();
      for (const entry of entries) {
        if (!contentOf.has(entry.send.template)) continue;
        if (entry.via !== 'overlap') direct.add(entry.send.template);
        else (throughOverlaps.get(entry.send.template) ?? throughOverlaps.set(entry.send.template, new Map()).get(entry.send.template)!).set(entry.send.segment, entry);
      }
      const reached = new Map<string, string>();
      for (const id of direct) reached.set(id, '');
      for (const [id, overlapping] of throughOverlaps) if (!direct.has(id)) reached.set(id, throughOverlap(...overlapping.values()));
      if (reached.size === 0) continue;
      // Segments checked together may read different locales (on a relative journey timeline): split by locales.
      const byLocales = new Map<string, { locales: string[]; segments: string[] }>();
      for (const id of segments) {
        const locales = [...new Set(plan.segments.get(id)?.locales ?? [])].sort();
        if (locales.length === 0) continue;
        const key = locales.join(',');
        (byLocales.get(key) ?? byLocales.set(key, { locales, segments: [] }).get(key)!).segments.push(id);
      }
      for (const { locales, segments: readers } of byLocales.values()) {
        for (const [id, overlap] of reached) {
          const content = contentOf.get(id)!;
          const missing = locales.filter((locale) => !serves(content, locale));
          // One finding per missing locale, listing every segment that reads it.
          for (const locale of missing) report(plan.templates.get(id)!, readers, [locale], overlap);
        }
      }
    }
    problems.reportTo(context);
  },
};
