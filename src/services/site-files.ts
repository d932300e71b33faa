import { mkdir, readdir, readFile, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { DomainError } from '../core/domain-error.js';

/** A file to write, at a relative POSIX path inside the output folder. */
export interface OutputFile {
  path: string;
  content: string;
}

/** How to recognise files of an earlier run, and whether to write into a folder that has none. */
export interface WriteSiteOptions {
  /** Text found in every HTML page the generator writes (its generator meta tag). */
  marker: string;
  /** Write into a non-empty folder even when it does not hold an earlier site. */
  force?: boolean;
}

/** What writing did, for the message to the user. */
export interface WriteSiteResult {
  written: number;
  /** Pages of an earlier site that the new one no longer has, removed so they cannot be published stale. */
  removed: string[];
}

/**
 * Writes a generated site into a folder, creating it when missing. A folder
 * that holds something else is refused unless forced, so a mistyped path
 * cannot scatter pages into a project; an earlier site in the folder is
 * replaced, including pages it no longer has.
 *
 * @throws DomainError `conflict` for a non-empty folder without an earlier site,
 *   `input_invalid` when the path is a file or a page path leaves the folder.
 */
export async function writeSiteFiles(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteSiteOptions,
): Promise<WriteSiteResult> {
  for (const file of files) {
    const target = join(outDir, file.path);
    const inside = relative(outDir, target);
    if (isAbsolute(file.path) || inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new DomainError('input_invalid', `site file "${file.path}" would be written outside ${outDir}`);
    }
  }

  const existing = await listEntries(outDir);
  if (existing.length > 0 && options.force !== true) {
    const index = await readText(join(outDir, 'index.html'));
    if (index === undefined || !index.includes(options.marker)) {
      throw new DomainError(
        'conflict',
        `${outDir} is not empty and does not hold a site written by Longhaul (no generated index.html); choose a new or empty folder, or pass --force to write into it anyway`,
      );
    }
  }

  const wanted = new Set(files.map((file) => join(outDir, file.path)));
  const removed: string[] = [];
  if (existing.length > 0) {
    for (const file of await listFiles(outDir)) {
      if (wanted.has(file) || !file.endsWith('.html')) continue;
      const text = await readText(file);
      if (text?.includes(options.marker) === true) {
        await unlink(file);
        removed.push(relative(outDir, file).split(sep).join('/'));
        await removeEmptyParents(dirname(file), outDir);
      }
    }
  }

  for (const file of files) {
    const target = join(outDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
  }
  return { written: files.length, removed: removed.sort() };
}

/** The entries of a folder; none when it does not exist yet. */
async function listEntries(dir: string): Promise<string[]> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (!info.isDirectory()) throw new DomainError('input_invalid', `${dir} is a file, not a folder`);
  return readdir(dir);
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Removes folders left empty by removed pages, up to (not including) the output folder. */
async function removeEmptyParents(dir: string, root: string): Promise<void> {
  let current = dir;
  while (current !== root && !relative(root, current).startsWith('..')) {
    if ((await readdir(current)).length > 0) return;
    await rmdir(current);
    current = dirname(current);
  }
}
