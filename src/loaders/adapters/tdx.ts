import type { Adapter } from './types.js';
// The reading is a chunk of its own in the command line (scripts/bundle-cli.mjs): only a run that reads such a file
// loads it.
import { readTdx } from './tdx-read.js';

// Required at the top level of a journey file ("type: journey"), with its versions or, as one source writes it, its stages.
const TYPE_JOURNEY = /^type:[ \t]*(["']?)journey\1[ \t]*(?:#.*)?$/m;
const VERSIONS = /^(?:journeys|stages):/m;

/** Treasure Data journeys as the `tdx` CLI pulls them (tdx-read.ts): YAML files known by a sure sign in their text. */
export const tdx = {
  name: 'tdx',
  handles: (file) => /\.ya?ml$/i.test(file),
  sureSign: (text) => TYPE_JOURNEY.test(text) && VERSIONS.test(text),
  read: readTdx,
} satisfies Adapter;
