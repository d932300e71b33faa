import { readFile, stat } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError, notFound } from '../core/domain-error.js';
import type { Ladder } from '../core/ladder.js';
import { parseLadder } from '../core/ladder-loader.js';

/** The ladder Longhaul ships with, built from the ideas of the seed essay. */
export const DEFAULT_LADDER_FILE = fileURLToPath(new URL('../../ladders/longhaul.yaml', import.meta.url));

/**
 * The largest ladder file read: the shipped ladder is about 40 KB, and a file
 * far larger is a mistake (or an attack) that would otherwise take gigabytes
 * of memory to parse and to build a site from. Checked before the file is read.
 */
export const MAX_LADDER_FILE_BYTES = 1024 * 1024;

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
  const fullPath = isAbsolute(path) ? path : `${cwd}/${path}`;
  let text: string;
  try {
    const info = await stat(fullPath);
    if (info.isFile() && info.size > MAX_LADDER_FILE_BYTES) throw tooLarge(displayPath, info.size);
    text = await readFile(fullPath, 'utf8');
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'ENOENT'
        ? undefined
        : code === 'EISDIR'
          ? 'it is a directory'
          : `it cannot be read (${code ?? 'unknown error'})`;
    throw notFound('ladder_not_found', displayPath, { kind: 'ladder file', hint });
  }
  return { ladder: parseLadder(text, displayPath), text, displayPath };
}

/** Parses ladder text that was stored earlier (a past version), naming it by id and hash in errors. */
export function parseStoredLadder(text: string, ladderId: string, hash: string): Ladder {
  return parseLadder(text, `${ladderId}@${hash.slice(0, 12)}`);
}

function tooLarge(displayPath: string, size: number): DomainError {
  const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  const message = `the file is ${megabytes(size)}; a ladder file may be at most ${megabytes(MAX_LADDER_FILE_BYTES)}`;
  return new DomainError('ladder_invalid', `${displayPath}: ${message}`, [{ source: displayPath, path: [], message }]);
}
