import * as crypto from 'node:crypto';

// Apart from finalize.ts: the command line loads node:crypto (in a chunk of its own, scripts/bundle-cli.mjs) only for
// a run with many findings to fingerprint; a few are hashed in JavaScript (sha256.ts).

/** SHA-256 in hex. `crypto.hash` (Node 20.12+) hashes in one call, several times faster than a Hash object per text. */
export const nativeSha256: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');
