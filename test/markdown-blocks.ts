import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './cli/run.js';

export interface FencedBlock {
  text: string;
  /** The line of the opening fence, for naming the block in a test. */
  line: number;
}

/** The fenced blocks of a page (relative to the repository) whose language matches `language` (`'ya?ml'`), in order. */
export function fencedBlocks(page: string, language: string): FencedBlock[] {
  const markdown = fs.readFileSync(path.join(REPO, page), 'utf8');
  return [...markdown.matchAll(new RegExp('```(?:' + language + ')[^\\n]*\\n([\\s\\S]*?)```', 'g'))].map((match) => ({
    text: match[1]!,
    line: markdown.slice(0, match.index).split('\n').length,
  }));
}

/** The texts of a page's fenced blocks in one language. */
export function codeBlocks(page: string, language: string): string[] {
  return fencedBlocks(page, language).map((block) => block.text);
}
