import type { Problem } from '../../findings/finding.js';
import type { InputMapping as ConfigInputMapping } from '../../generated/config-types.js';
import type { Fragment } from '../fragment.js';

/**
 * The config's `inputs[]` entry for one file, as the loaders read it: the schema's own type (the single source of its
 * fields), without the globs that chose the file. How to read a CSV, and what an adapter needs to know that the file
 * does not say (docs/adapters.md).
 */
export type InputMappingOptions = Omit<ConfigInputMapping, 'files'>;

/** What `inputs[].format` names: cxlint's own formats, or another tool's export read by an adapter (SPEC 3.5). */
export type InputFormat = NonNullable<InputMappingOptions['format']>;

export interface AdapterInput {
  /** As findings show it. */
  file: string;
  absolutePath: string;
  bytes: Uint8Array;
  /** The file as text (UTF-8, or UTF-16 with a byte-order mark), for adapters that are not `binary`. */
  text?: string;
  /** Named on the command line rather than found in a folder. */
  explicit: boolean;
  options: InputMappingOptions;
}

export interface AdapterOutput {
  fragments: Fragment[];
  problems: Problem[];
  /** A table with none of the calendar columns (a workbook's budget sheet): passed over when found in a folder, unmapped. */
  noCalendarColumns?: boolean;
}

interface AdapterBase {
  name: Exclude<InputFormat, 'cxlint' | 'csv'>;
  /** Which files it may read (by name/path: `.ics`, `.xlsx`, `*.journey-meta.json` under retrieve/…). */
  handles(file: string): boolean;
  /** A sure sign in the content (SPEC 3.5: never a guess from a partial match); undefined when the name alone is sure. */
  sureSign?(text: string, file: string): boolean;
  /** The largest file it reads, checked before a byte is read (default: that of YAML plan files). */
  maxBytes?: number;
}

/** Reads text: `input.text` is the decoded file, and the answer comes at once (so that in-memory linting stays synchronous). */
interface TextAdapter extends AdapterBase {
  binary?: false;
  read(input: AdapterInput): AdapterOutput;
}

/** Reads bytes that are no text (a zip): they never go through the text decoder, and its library may load lazily. */
interface BinaryAdapter extends AdapterBase {
  binary: true;
  sureSign?: undefined;
  read(input: AdapterInput): Promise<AdapterOutput>;
}

export type Adapter = TextAdapter | BinaryAdapter;
