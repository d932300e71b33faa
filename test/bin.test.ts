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
    expect(run(['log', 'Led the review of the DNS outage', '-k', 'incident', '-c', 'reliability'], dir).status).toBe(0);
    expect(run(['assess', '--set', 'scope=senior,autonomy=senior,reliability=senior'], dir).status).toBe(0);
    const status = run(['status', '--json'], dir);
    expect(status.status).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ demonstrated: { id: 'senior' }, observed: 3 });
    const gap = run(['gap', '--to', 'architect', '--json'], dir);
    expect(JSON.parse(gap.stdout)).toMatchObject({ target: { id: 'architect' }, met: false });
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
