// Plan text is untrusted: a template may hold terminal escape sequences, or text that a CI runner reads as a command.
// eslint-disable-next-line no-control-regex
const CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Plan text made safe for a line of terminal or log output: no control characters, no line breaks, no runner commands. */
export function safeText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[\t\n]+/g, ' ')
    .replace(/##\[/g, '#\u200b#[')
    // the Actions runner trims leading white space before it looks for `::`
    .replace(/^(\s*)::/, '$1:\u200b:');
}
