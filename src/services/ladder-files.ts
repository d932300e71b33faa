import { readFile } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { parseLadder } from '../core/ladder-loader.js';

/** The ladder Longhaul ships with, built from the ideas of the seed essay. */
export const DEFAULT_LADDER_FILE = fileURLToPath(new URL('../../ladders/longhaul.yaml', import.meta.url));

/** A ladder together with the text it was parsed from, so the exact version can be stored. */
export interface LadderSource {
  ladder: Ladder;
  text: string;
  /** The path as the user should see it in messages. */
  displayPath: string;
}

/**
 * Reads and validates a ladder file. Errors name the file as the user typed it
 * (relative to the working directory), so `path:line:col` opens in an editor.
 */
export async function readLadderFile(path: string, cwd = process.cwd()): Promise<LadderSource> {
  const displayPath = isAbsolute(path) && path.startsWith(cwd) ? relative(cwd, path) : path;
  let text: string;
  try {
    text = await readFile(isAbsolute(path) ? path : `${cwd}/${path}`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code ?? 'unknown error'})`;
    throw new DomainError('ladder_not_found', `ladder file ${displayPath} ${why}`);
  }
  return { ladder: parseLadder(text, displayPath), text, displayPath };
}

/** Parses ladder text that was stored earlier (a past version), naming it by id and hash in errors. */
export function parseStoredLadder(text: string, ladderId: string, hash: string): Ladder {
  return parseLadder(text, `${ladderId}@${hash.slice(0, 12)}`);
}
