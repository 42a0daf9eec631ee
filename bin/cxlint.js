#!/usr/bin/env node
// The CLI is bundled into dist/ by `npm run build` (run by `npm ci` and `npm install`) so that it starts fast.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cxlint.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('cxlint: not built yet: run `npm run build` in the cxlint folder\n');
  process.exit(2);
}
await import(bundle.href);
