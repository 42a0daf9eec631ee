import { sfmc } from './sfmc.js';
import { tdx } from './tdx.js';
import type { Adapter } from './types.js';

/** Readers of other tools' files (SPEC 3.5), tried in order. */
export const ADAPTERS: readonly Adapter[] = [sfmc, tdx];
