import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The installed entry point, as `npx longhaul` runs it (npm test builds it first). */
const bin = new URL('../bin/longhaul.js', import.meta.url).pathname;
const run = (args: string[], cwd: string) => spawnSync('node', [bin, ...args], { cwd, encoding: 'utf8' });

describe('bin/longhaul.js', () => {
  it('runs the built CLI: init, log, assess, status and gap in a fresh directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-bin-'));
    expect(run(['init', '--name', 'Grace'], dir).status).toBe(0);
    const log = (title: string, kind: string, competencies: string) =>
      expect(run(['log', title, '-k', kind, '-c', competencies], dir).status).toBe(0);
    log('Led the review of the DNS outage', 'incident', 'reliability,debugging,communication');
    log('Designed the retry budget for the payments client', 'design', 'design,scope,autonomy');
    const ratings = 'scope,autonomy,reliability,debugging,design,communication'.split(',');
    expect(run(['assess', '--set', ratings.map((id) => `${id}=mid-level`).join(',')], dir).status).toBe(0);
    const status = run(['status', '--json'], dir);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ demonstrated: { id: 'mid-level' }, observed: 6 });
    const gap = run(['gap', '--to', 'senior', '--json'], dir);
    expect(gap.status).toBe(0);
    const senior = JSON.parse(gap.stdout) as {
      met: boolean;
      blockers: { code: string; competency: { id: string } | null }[];
    };
    expect(senior).toMatchObject({ target: { id: 'senior' }, met: false });
    expect(senior.blockers).toContainEqual(
      expect.objectContaining({ code: 'required-below', competency: expect.objectContaining({ id: 'reliability' }) }),
    );
  });

  it('exits 2 with a located error and no stack for a broken ladder file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-bin-'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: acme\ntitle: [unclosed\n');
    const result = run(['ladder', 'validate', 'broken.yaml'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^broken\.yaml:\d+:\d+: YAML syntax/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'longhaul-bin-'));
    const child = spawn('node', [bin, 'ladder', 'show', '--level', 'senior'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
