/**
 * Text kept for the rest of the run, made one flat string. V8 keeps a concatenation as a tree of its pieces (a node of
 * 32 bytes per piece, and every piece) until the text is first read, when it copies it into one string: a finding's
 * `at` of 29 characters held ~300 bytes as a tree, 48 flat. What findings and the caches kept per send hold goes
 * through here once, as it is made.
 */
export function flat(text: string): string {
  // Reading one character is what makes V8 flatten the tree.
  text.charCodeAt(0);
  return text;
}
