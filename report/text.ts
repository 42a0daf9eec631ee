// Plan text reaches the page only as text nodes and attribute values (Preact never parses a string as markup), so no
// plan text can become an element. What text can still do is mislead: a bidi override (U+202E) makes a line read
// differently from what it holds ("Trojan Source"), and control characters may hide. As in the CLI's output
// (src/reporters/sanitize.ts), they are shown, not obeyed.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Plan text as the page shows it: bidi and control characters made visible as `<U+202E>`. */
export const shown = (text: string): string => text.replace(HIDDEN, (character) => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
