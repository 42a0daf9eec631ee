import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

/** Writes a report so that no reader ever sees half of it: a temporary file beside it, written piece by piece, then a rename. */
export async function writeAtomically(file: string, pieces: Iterable<string>): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      for (const piece of pieces) await handle.write(piece);
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new UsageError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Writes pieces of text to standard output, waiting when the reader is slower, so that memory stays flat. */
export async function writeToStdout(pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) {
    if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}
