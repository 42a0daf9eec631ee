import type { Finding } from '../src/findings/finding.js';

/**
 * One problem, one finding (SPEC 5): the findings that stand where another of the same rule stands — same location,
 * same related locations, same `at` (or `after`), same severity — each described once with how many share its place;
 * empty when every finding has a place of its own. Two findings alike in all of these are one problem reported twice.
 */
export function sharedPlaces(findings: readonly Finding[]): string[] {
  const byPlace = new Map<string, Finding[]>();
  for (const finding of findings) {
    const { file, line, column } = finding.location;
    const related = finding.related.map((place) => `${place.file}:${place.line}:${place.column}`).join(' ');
    const when = finding.at ?? (finding.after ? `${finding.after.event}${finding.after.offset}` : '');
    // A finding has one severity: where overrides give the segments different ones, they are findings of their own.
    const place = `${finding.rule} ${finding.severity} ${file}:${line}:${column} [${related}] ${when}`;
    (byPlace.get(place) ?? byPlace.set(place, []).get(place)!).push(finding);
  }
  return [...byPlace].filter(([, alike]) => alike.length > 1).map(([place, alike]) => `${alike.length} findings at ${place}: ${alike.map((finding) => JSON.stringify(finding.message)).join(', ')}`);
}
