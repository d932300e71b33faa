import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../core/domain-error.js';
import { MAX_LADDER_FILE_BYTES, parseStoredLadder, readLadderFile } from './ladder-files.js';
import { SMALL_LADDER_TEXT } from './small-workspace.fixtures.js';

/*
 * Reading a ladder file as a person names it on the command line: errors say
 * the path as they typed it, so `path:line:col` opens in their editor.
 */

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-ladder-files-'));
  writeFileSync(join(dir, 'small.yaml'), SMALL_LADDER_TEXT);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function failure(run: () => Promise<unknown>): Promise<DomainError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('readLadderFile', () => {
  it('reads a file by a path relative to the working folder or by an absolute one, naming it as given', async () => {
    const relative = await readLadderFile('small.yaml', dir);
    expect(relative).toMatchObject({ text: SMALL_LADDER_TEXT, displayPath: 'small.yaml', ladder: { id: 'small' } });
    const absolute = await readLadderFile(join(dir, 'small.yaml'), dir);
    expect(absolute.displayPath).toBe('small.yaml');
    const elsewhere = await readLadderFile(join(dir, 'small.yaml'), '/somewhere/else');
    expect(elsewhere.displayPath).toBe(join(dir, 'small.yaml'));
  });

  it('names a missing file, and a folder, as the person typed them', async () => {
    expect((await failure(() => readLadderFile('missing.yaml', dir))).message).toBe(
      'ladder file "missing.yaml" not found',
    );
    mkdirSync(join(dir, 'ladders'));
    const folder = await failure(() => readLadderFile('ladders', dir));
    expect(folder.code).toBe('ladder_not_found');
    expect(folder.message).toBe('ladder file "ladders" not found; it is a directory');
    const under = await failure(() => readLadderFile('small.yaml/inner.yaml', dir));
    expect(under.message).toBe('ladder file "small.yaml/inner.yaml" not found; it cannot be read (ENOTDIR)');
  });

  it('refuses a file over the size limit before reading it, saying both sizes', async () => {
    expect(MAX_LADDER_FILE_BYTES).toBe(1_048_576);
    writeFileSync(join(dir, 'huge.yaml'), `# ${'x'.repeat(MAX_LADDER_FILE_BYTES + 1)}\n`);
    const error = await failure(() => readLadderFile('huge.yaml', dir));
    const message = 'the file is 1.0 MB; a ladder file may be at most 1.0 MB';
    expect(error).toMatchObject({
      code: 'ladder_invalid',
      message: `huge.yaml: ${message}`,
      problems: [{ source: 'huge.yaml', path: [], message }],
    });
    writeFileSync(join(dir, 'at-limit.yaml'), SMALL_LADDER_TEXT.padEnd(MAX_LADDER_FILE_BYTES, ' '));
    expect((await readLadderFile('at-limit.yaml', dir)).ladder.id).toBe('small');
  });

  it('reports a problem in the file with its path, line and column', async () => {
    writeFileSync(join(dir, 'broken.yaml'), SMALL_LADDER_TEXT.replace('category: craft', 'category: crafts'));
    const error = await failure(() => readLadderFile('broken.yaml', dir));
    expect(error.code).toBe('ladder_invalid');
    expect(error.message).toMatch(/^broken\.yaml: 1 problem in ladder\nbroken\.yaml:\d+:\d+: /);
  });
});

describe('parseStoredLadder', () => {
  it('names a stored version by ladder id and short hash in its errors', () => {
    const error = (() => {
      try {
        parseStoredLadder('id: [', 'small', '0123456789abcdef');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/^small@0123456789ab[:\s]/);
  });
});
