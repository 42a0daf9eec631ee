import type { Problem } from '../../findings/finding.js';
import type { Fragment } from '../fragment.js';
export interface AdapterInput { file: string /* as findings show it */; absolutePath: string; bytes: Uint8Array; explicit: boolean; options: { format?: string; timezone?: string; dateFormat?: string; columns?: Record<string, string> } /* the config's inputs[] entry for the file, if any */ }
export interface AdapterOutput { fragments: Fragment[]; problems: Problem[] }
export interface Adapter {
  name: 'sfmc' | 'tdx' | 'ics' | 'mailchimp' | 'klaviyo' | 'xlsx';
  /** Which files it may read (by name/path). */
  handles(file: string): boolean;
  /** A sure sign in the content (SPEC 3.5: never a guess from a partial match); undefined when the name alone is sure. */
  sureSign?(text: string, file: string): boolean;
  read(input: AdapterInput): AdapterOutput;
}
