import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceCount } from './format.js';
import { runLonghaul } from './cli.fixtures.js';

let dir: string;

function longhaul(args: string[]) {
  return runLonghaul(args, { cwd: dir });
}

describe('evidenceCount', () => {
  it.each([
    [0, '0 pieces of evidence'],
    [1, '1 piece of evidence'],
    [2, '2 pieces of evidence'],
  ])('%i -> %s', (count, text) => expect(evidenceCount(count)).toBe(text));
});

describe('how status, gap, evidence list and brag count evidence', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'longhaul-wording-'));
    expect((await longhaul(['init'])).code).toBe(0);
    await longhaul(['log', 'Ran the game day for the payments queue', '-k', 'incident', '-c', 'reliability']);
    await longhaul(['log', 'Wrote the ADR for the invoice queue', '-k', 'design', '-c', 'design,mentoring']);
    await longhaul(['assess', '--set', 'scope=senior,reliability=mid-level,design=junior']);
  });

  it('never says "1 evidence" or "1 pieces"', async () => {
    const outputs = await Promise.all(
      [['status'], ['gap', '--to', 'senior'], ['evidence', 'list'], ['brag']].map(async (args) => longhaul(args)),
    );
    const all = outputs.map((o) => o.stdout).join('\n');
    expect(all).toContain('1 piece of evidence');
    expect(all).not.toMatch(/\b\d+ evidence\b/);
    expect(all).not.toMatch(/\b1 pieces\b/);
    expect(outputs[2]?.stdout).toContain('2 pieces of evidence');
  });

  it('status says "not observed" once on the row of a competency that is not rated', async () => {
    const status = await longhaul(['status']);
    const row = status.stdout.split('\n').find((line) => line.startsWith('Mentoring'));
    expect(row).toBeDefined();
    expect(row?.match(/not observed/g)).toHaveLength(1);
    expect(row).toMatch(/not observed\s+1 piece of evidence$/);
    const rated = status.stdout.split('\n').find((line) => line.startsWith('Reliability'));
    expect(rated).toMatch(/Mid-level\s+meets\s+1 piece of evidence$/);
  });
});
