import { open } from 'node:fs/promises';
import type { Problem } from '../findings/finding.js';
import { fileStart } from '../findings/finding.js';

export type Decoded = { text: string } | { problem: Problem };

/** A new matcher of line ends as editors and spreadsheets write them: CRLF, LF, and the lone CR of Excel's "CSV (Macintosh)". */
const lineEnds = (): RegExp => /\r\n?|\n/g;

/** Offsets at which each line of `text` starts, to turn an offset into a line and column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  const lineEnd = lineEnds();
  while (lineEnd.exec(text) !== null) starts.push(lineEnd.lastIndex);
  return starts;
}

/** Where the line after the one holding `offset` starts (the end of the text, on the last line). */
export function nextLineStart(text: string, offset: number): number {
  const lineEnd = lineEnds();
  lineEnd.lastIndex = offset;
  return lineEnd.exec(text) === null ? text.length : lineEnd.lastIndex;
}

/** The line and column (both from 1) of `offset`, given the `lineStarts` of its text. */
export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

function invalid(file: string, message: string, at = fileStart(file)): { problem: Problem } {
  return { problem: { rule: 'invalid-input', message, location: at, ids: [message] } };
}

const tooLarge = (file: string, size: number, maxBytes: number): { problem: Problem } =>
  invalid(file, `file is too large to read (${size} bytes; the limit is ${maxBytes}); if it is no plan file, add it to ignore: in cxlint.config.yaml`);

/**
 * Reads a file of at most `maxBytes`, its size checked before a byte is read, so that a huge (or sparse) file costs
 * neither time nor memory; a file over the limit is a problem. A file that grows meanwhile is read as it was when
 * measured, so nothing past the limit is ever held.
 */
export async function readFileUpTo(file: string, path: string, maxBytes: number): Promise<{ bytes: Buffer } | { problem: Problem }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return tooLarge(file, size, maxBytes);
    const bytes = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break; // the file shrank since it was measured
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled) };
  } finally {
    await handle.close();
  }
}

/**
 * Turns a file's bytes into text: UTF-8 (with or without a byte-order mark) or UTF-16 with a BOM.
 * Binary files and invalid UTF-8 become a problem, never garbage text.
 */
export function decodeText(file: string, bytes: Uint8Array, maxBytes: number): Decoded {
  if (bytes.length > maxBytes) return tooLarge(file, bytes.length, maxBytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return invalid(file, 'binary file: cxlint reads YAML, JSON and CSV text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const { line, column } = positionAt(lineStarts(lossy), lossy.indexOf('\uFFFD'));
    return invalid(file, 'invalid UTF-8: save the file as UTF-8 (or UTF-16 with a byte-order mark)', {
      file,
      line,
      column,
      endLine: line,
      endColumn: column + 1,
    });
  }
}
