// A template's content: its texts and their placeholders.

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s*\}\}/g;

/** The placeholders of a text (SPEC 4.3: `{{name}}`, `{{a.b}}`, spaces inside the braces allowed), each once, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1]!))];
}

/** A text with its placeholders removed, so that nothing inside them is read as words or numbers. */
export function withoutPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, ' ');
}

/** Every string in a value as written (a template's content for one locale: fields, nested fields, lists), with its path. */
export function textsIn(value: unknown): Array<{ path: Array<string | number>; text: string }> {
  const texts: Array<{ path: Array<string | number>; text: string }> = [];
  const stack: Array<{ path: Array<string | number>; value: unknown }> = [{ path: [], value }];
  const seen = new Set<unknown>();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value === 'string') texts.push({ path: item.path, text: item.value });
    if (typeof item.value !== 'object' || item.value === null || seen.has(item.value)) continue;
    seen.add(item.value);
    const entries: Array<[string | number, unknown]> = Array.isArray(item.value) ? item.value.map((v, i) => [i, v]) : Object.entries(item.value);
    for (const [key, child] of entries.reverse()) stack.push({ path: [...item.path, key], value: child });
  }
  return texts;
}
