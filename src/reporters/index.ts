import { json } from './json.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

export const REPORTERS: Readonly<Record<string, Reporter>> = { stylish, json };
