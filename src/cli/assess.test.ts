import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseLadder } from '../core/ladder-loader.js';
import { runCli } from './program.js';

let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'longhaul-assess-'));
  expect((await longhaul(['init'])).code).toBe(0);
});

/** Runs the CLI in-process; `input` is what the user types, a stream when the test types as it goes. */
async function longhaul(args: string[], input?: string[] | NodeJS.ReadableStream, onOutput?: (all: string) => void) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: {
      write: (text: string) => {
        stdout += text;
        onOutput?.(stdout);
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: input === undefined ? null : Array.isArray(input) ? Readable.from(input.map((l) => `${l}\n`)) : input,
    env: { LONGHAUL_NAME: 'Ada Lovelace' },
    cwd: dir,
    isTty: false,
    today: '2026-11-28',
  });
  return { code, stdout, stderr };
}

/** Text as a terminal reader sees it, whatever the wrapping. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('longhaul assess, interactive', () => {
  it("shows every level's full text: expectation, signals and not-yet, for each competency asked", async () => {
    const ladder = parseLadder(readFileSync(new URL('../../ladders/longhaul.yaml', import.meta.url), 'utf8'));
    const scope = ladder.competencies.find((c) => c.id === 'scope');
    const run = await longhaul(['assess'], ['q']);
    const shown = flat(run.stdout);
    const texts = Object.values(scope?.levels ?? {}).flatMap((e) => [
      e.expectation,
      ...(e.signals ?? []).map((s) => `+ ${s}`),
      ...(e.notYet ?? []).map((n) => `- not yet: ${n}`),
    ]);
    expect(texts.filter((t) => t.includes('not yet')).length).toBeGreaterThan(0);
    expect(texts.length).toBeGreaterThan(8);
    for (const text of texts) expect(shown).toContain(flat(text));
  });

  it('says which ratings were saved when the user quits, with the counts `status` shows', async () => {
    await longhaul(['log', 'Ran the game day for the payments queue', '-k', 'incident', '-c', 'scope']);
    const run = await longhaul(['assess'], ['2', '', 'n', 'q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(1 piece of evidence, now: unrated)');
    expect(run.stdout).toContain(
      'Saved 2 ratings: Scope of ownership: Mid-level, Reliability and blast radius: not observed.',
    );
    const counted = /(\d+) of (\d+) competencies rated/.exec(run.stdout);
    const status = await longhaul(['status']);
    expect(counted?.[0]).toBe('1 of 11 competencies rated');
    expect(status.stdout).toContain(`; ${counted?.[0]}.`);
  });

  it('saves nothing and says so when the user quits before rating anything', async () => {
    const run = await longhaul(['assess'], ['q']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No ratings given: nothing saved.');
    expect((await longhaul(['status'])).stdout).toContain('Not assessed yet');
  });

  it('on Ctrl-C stops, saves nothing, and says that the ratings typed were dropped', async () => {
    const typing = new PassThrough();
    typing.write('3\n');
    let interrupted = false;
    const run = await longhaul(['assess'], typing, (all) => {
      // The second question is on screen: the first answer was taken; now the user presses Ctrl-C.
      if (!interrupted && all.includes('[2/11]')) {
        interrupted = true;
        setImmediate(() => process.emit('SIGINT', 'SIGINT'));
      }
    });
    expect(interrupted).toBe(true);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Stopped: nothing saved (1 rating you typed was dropped; q saves and stops).');
    expect(process.listenerCount('SIGINT')).toBe(0);
    expect((await longhaul(['status'])).stdout).toContain('Not assessed yet');
  });
});

describe('longhaul assess --set', () => {
  it('names what it saved, and its count of rated competencies agrees with `status`', async () => {
    const run = await longhaul(['assess', '--set', 'scope=senior,autonomy=mid-level,design=not-observed']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Saved 3 ratings: Scope of ownership: Senior, Autonomy and direction: Mid-level, Design and trade-offs: not observed.',
    );
    expect(run.stdout).toContain('2 of 11 competencies rated');
    expect((await longhaul(['status'])).stdout).toContain('2 of 11 competencies rated.');
  });
});
