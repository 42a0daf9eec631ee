import type { Adapter } from './types.js';
// The reading is a chunk of its own in the command line (scripts/bundle-cli.mjs): only a run that reads a workbook
// loads it.
import { readXlsx } from './xlsx-read.js';

/** A plan workbook is kilobytes; past this a zip is no hand-made plan, and unpacking it would cost memory for nothing. */
export const MAX_XLSX_BYTES = 64 * 1024 * 1024;

/** Excel workbooks: the `.xlsx` name is the sure sign, and the bytes are a zip, never text. */
export const xlsxAdapter: Adapter = {
  name: 'xlsx',
  handles: (file) => /\.xlsx$/i.test(file),
  maxBytes: MAX_XLSX_BYTES,
  binary: true,
  read: readXlsx,
};
