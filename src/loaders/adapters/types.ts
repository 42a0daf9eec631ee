import type { Problem } from '../../findings/finding.js';
import type { CsvKind } from '../csv.js';
import type { Fragment } from '../fragment.js';

/** What `inputs[].format` names: cxlint's own formats, or another tool's export read by an adapter (SPEC 3.5). */
export type InputFormat = 'cxlint' | 'csv' | Adapter['name'];

/**
 * The config's `inputs[]` entry for one file, as the loaders read it (the config stage comes after the loaders, so
 * its own type is not used here): how to read a CSV, and what an adapter needs to know that the file does not say.
 */
export interface InputMappingOptions {
  format?: InputFormat;
  kind?: CsvKind;
  delimiter?: string;
  dateFormat?: string;
  /** The zone of the file's times when the file names none (a report's account zone, an iCalendar floating time). */
  timezone?: string;
  /** Field → header (CSV, xlsx, reports) or field → property (iCalendar). */
  columns?: Record<string, string>;
  /** The sheet of a workbook to read (default the first). */
  sheet?: string;
  /** Journey adapters (sfmc, tdx): the lifecycle event an entry event or audience stands for, by its key. */
  events?: Record<string, string>;
  /** Journey adapters: the intent of an asset (by key or folder) or an activation. */
  intents?: Record<string, string>;
  /** tdx: the channel of a connection. */
  channels?: Record<string, string>;
  /** sfmc: the locale of the assets' texts (SFMC names none). */
  locale?: string;
}

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
}

interface AdapterBase {
  name: 'sfmc' | 'tdx' | 'ics' | 'mailchimp' | 'klaviyo' | 'xlsx';
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
