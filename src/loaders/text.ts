import type { Problem } from '../findings/finding.js';
import { fileStart } from '../findings/finding.js';

export type Decoded = { text: string } | { problem: Problem };

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function invalid(file: string, message: string, at = fileStart(file)): { problem: Problem } {
  return { problem: { rule: 'invalid-input', message, location: at, ids: [message] } };
}

/**
 * Turns a file's bytes into text: UTF-8 (with or without a byte-order mark) or UTF-16 with a BOM.
 * Binary files and invalid UTF-8 become a problem, never garbage text.
 */
export function decodeText(file: string, bytes: Uint8Array, maxBytes: number): Decoded {
  if (bytes.length > maxBytes) {
    return invalid(file, `file is too large to read (${bytes.length} bytes; the limit is ${maxBytes})`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return invalid(file, 'binary file: cxlint reads YAML, JSON and CSV text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const { line, column } = lineAndColumn(lossy, lossy.indexOf('\uFFFD'));
    return invalid(file, 'invalid UTF-8: save the file as UTF-8 (or UTF-16 with a byte-order mark)', {
      file,
      line,
      column,
      endLine: line,
      endColumn: column + 1,
    });
  }
}
