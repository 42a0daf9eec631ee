import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A file of the official formats cxlint's reports must validate against (the SARIF schema, the JUnit XSD): read from
 * `../shared/formats/` beside the repository, never copied into it.
 */
export function sharedFormat(name: string): string {
  const file = fileURLToPath(new URL(`../../shared/formats/${name}`, import.meta.url));
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: the tests read the official formats from ../shared/formats beside the repository`);
  return fs.readFileSync(file, 'utf8');
}
