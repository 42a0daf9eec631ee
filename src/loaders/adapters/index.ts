import { icsAdapter } from './ics.js';
import { klaviyoAdapter, mailchimpAdapter } from './reports.js';
import { sfmc } from './sfmc.js';
import { tdx } from './tdx.js';
import type { Adapter } from './types.js';
import { xlsxAdapter } from './xlsx.js';

/**
 * Every adapter (SPEC 3.5), in the order their sure signs are tried: the loaders pick one by `inputs[].format`, by a
 * file name that only it reads, or by a sure sign in the file's text.
 */
export const ADAPTERS: readonly Adapter[] = [sfmc, tdx, icsAdapter, xlsxAdapter, mailchimpAdapter, klaviyoAdapter];
