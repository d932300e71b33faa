import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUILT_CLI, stop } from './faults.fixtures.js';
import { seededRandom } from '../../src/shared/random.js';

/*
 * kill -9 at random moments while the CLI and the server write. Afterwards
 * every acknowledged write is there, nothing half-written is visible (evidence
 * without its competencies, an assessment without its ratings), and SQLite's
 * integrity check says ok. The moments come from a fixed seed, so a failure
 * can be replayed. `npm run soak` (LONGHAUL_SOAK=1) runs many more rounds.
 */

const SOAK = (process.env['LONGHAUL_SOAK'] ?? '') !== '';
/** Kill rounds per suite: 20 kills in all in `npm test`, ten times as many in the soak. */
const CLI_ROUNDS = SOAK ? 160 : 16;
const SERVER_ROUNDS = SOAK ? 40 : 4;
const SEED = 0x10e9_4a11;

const ENV = { ...process.env, LONGHAUL_NAME: 'Ada Lovelace', LONGHAUL_LOG_LEVEL: 'silent' };

/** What the database must hold afterwards, and how many processes were killed. */
interface Ledger {
  evidence: string[];
  assessments: string[];
  kills: number;
}

const ADMIN = { email: 'ada@example.com', password: 'crash test passphrase' };

function initDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'longhaul-crash-'));
  const file = join(dir, 'longhaul.db');
  const init = spawnSync(process.execPath, [BUILT_CLI, 'init', '--db', file], { env: ENV, encoding: 'utf8' });
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);
  // The server's writes are made signed in, as the web app makes them; the CLI's need no account.
  const admin = spawnSync(
    process.execPath,
    [BUILT_CLI, 'admin', 'create', '--email', ADMIN.email, '--password-stdin', '--db', file],
    { env: ENV, encoding: 'utf8', input: `${ADMIN.password}\n` },
  );
  expect(admin.stderr).toBe('');
  expect(admin.status).toBe(0);
  return file;
}

/** Signs in to a running server: the session cookie and its CSRF token, for every write. */
async function signIn(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/** Runs one CLI write, killing it after `killAfterMs` unless it finishes first; true when it finished with 0. */
async function runCliWrite(args: string[], killAfterMs: number | undefined): Promise<{ ok: boolean; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (code !== null && code !== 0) throw new Error(`longhaul ${args.join(' ')} failed (${code}): ${stderr}`);
  return { ok: code === 0, ms: performance.now() - started };
}

/** The checks of every round: integrity, nothing half-written, every acknowledged write present. */
function verify(file: string, ledger: Ledger): void {
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const halfEvidence = db
      .prepare(
        'select title from evidence e where (select count(*) from evidence_competencies c where c.evidence_id = e.id) <> 2',
      )
      .all();
    expect(halfEvidence, 'evidence without both its competencies').toEqual([]);
    const halfAssessments = db
      .prepare('select note from assessments a where (select count(*) from ratings r where r.assessment_id = a.id) < 3')
      .all();
    expect(halfAssessments, 'assessments without their ratings').toEqual([]);
    const titles = new Set(db.prepare('select title from evidence').pluck().all() as string[]);
    const notes = new Set(db.prepare('select note from assessments').pluck().all() as string[]);
    expect(
      ledger.evidence.filter((title) => !titles.has(title)),
      'acknowledged evidence lost',
    ).toEqual([]);
    expect(
      ledger.assessments.filter((note) => !notes.has(note)),
      'acknowledged assessments lost',
    ).toEqual([]);
  } finally {
    db.close();
  }
}

describe('kill -9 during writes', () => {
  it(
    `loses no acknowledged write of the CLI through ${CLI_ROUNDS} kills`,
    { timeout: SOAK ? 900_000 : 120_000 },
    async () => {
      const file = initDatabase();
      const random = seededRandom(SEED);
      const ledger: Ledger = { evidence: [], assessments: [], kills: 0 };
      const write = (i: number): { args: string[]; record: () => void } => {
        const marker = `cli-${i}`;
        if (i % 2 === 0) {
          return {
            args: ['log', marker, '-k', 'incident', '-c', 'reliability', '-c', 'debugging', '--db', file],
            record: () => ledger.evidence.push(marker),
          };
        }
        const level = i % 4 === 1 ? 'senior' : 'mid-level';
        return {
          args: [
            'assess',
            '--set',
            `scope=${level},autonomy=${level},reliability=${level}`,
            '--note',
            marker,
            '--db',
            file,
          ],
          record: () => ledger.assessments.push(marker),
        };
      };
      // Clean runs say how long a write takes here; the kills land across that span.
      let typical = 0;
      for (const i of [0, 1]) {
        const { args, record } = write(i);
        const run = await runCliWrite(args, undefined);
        expect(run.ok).toBe(true);
        record();
        typical = Math.max(typical, run.ms);
      }
      let i = 2;
      while (ledger.kills < CLI_ROUNDS) {
        const { args, record } = write(i++);
        const run = await runCliWrite(args, typical * (0.3 + random() * 1.2));
        if (run.ok) {
          record();
          typical = run.ms; // follows the machine's pace, so most rounds end in a kill
        } else ledger.kills += 1;
        verify(file, ledger);
      }
      console.info(
        `CLI: ${ledger.kills} kills, ${ledger.evidence.length + ledger.assessments.length} acknowledged writes, 0 lost`,
      );
    },
  );

  it(
    `loses no acknowledged write of the server through ${SERVER_ROUNDS} kills`,
    { timeout: SOAK ? 900_000 : 120_000 },
    async () => {
      const file = initDatabase();
      const random = seededRandom(SEED + 1);
      const ledger: Ledger = { evidence: [], assessments: [], kills: 0 };
      for (let round = 0; round < SERVER_ROUNDS; round++) {
        const { child, url } = await startServer(file);
        try {
          const credentials = await signIn(url);
          const me = (await (await fetch(`${url}/api/me`, { headers: credentials })).json()) as {
            person: { id: string };
          };
          const base = `${url}/api/people/${me.person.id}`;
          let stopped = false;
          // Two clients write at once, so a kill can land inside one transaction while another waits.
          const writer = async (client: number) => {
            for (let k = 0; !stopped; k++) {
              const marker = `server-${round}-${client}-${k}`;
              const assessment = k % 3 === 2;
              const level = k % 2 === 0 ? 'senior' : 'mid-level';
              const body = assessment
                ? { ratings: { scope: level, autonomy: level, reliability: level }, note: marker }
                : { title: marker, kind: 'incident', competencies: ['reliability', 'debugging'] };
              try {
                const response = await fetch(`${base}/${assessment ? 'assessments' : 'evidence'}`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', ...credentials },
                  body: JSON.stringify(body),
                });
                if (response.status !== 201) throw new Error(`${response.status}: ${await response.text()}`);
                (assessment ? ledger.assessments : ledger.evidence).push(marker);
              } catch (error) {
                if (stopped) return; // the server was killed under this request: not acknowledged
                throw error;
              }
            }
          };
          const writers = Promise.all([writer(1), writer(2)]);
          await new Promise((resolve) => setTimeout(resolve, 100 + random() * 900));
          stopped = true;
          child.kill('SIGKILL');
          await writers;
          ledger.kills += 1;
        } finally {
          await stop(child);
        }
        verify(file, ledger);
      }
      expect(ledger.evidence.length + ledger.assessments.length).toBeGreaterThan(SERVER_ROUNDS);
      console.info(
        `server: ${ledger.kills} kills, ${ledger.evidence.length + ledger.assessments.length} acknowledged writes, 0 lost`,
      );
    },
  );
});

/** Starts `longhaul serve` on a free port over `file`; resolves with its address once it listens. */
async function startServer(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--db', file, '--port', '0', '--host', '127.0.0.1'], {
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not start within 15 s')), 15_000);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /running at (http:\/\/[^\s]+)/.exec(output);
        if (found?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? 'signal'}): ${output}`));
      });
    });
    return { child, url };
  } catch (error) {
    await stop(child);
    throw error;
  }
}
