/**
 * Texts in sorted (UTF-16) order: the list itself when it is already ascending, each text once (a timeline's segments
 * are, and are shared rather than copied by the findings that list them), else a sorted copy; a Set is always copied.
 */
export function sortedTexts(texts: readonly string[] | ReadonlySet<string>): readonly string[] {
  if (Array.isArray(texts) && isAscending(texts)) return texts;
  return [...texts].sort();
}

/** Whether each text comes strictly after the one before it: sorted, with none twice. */
export function isAscending(texts: readonly string[]): boolean {
  return texts.every((text, index) => index === 0 || texts[index - 1]! < text);
}
