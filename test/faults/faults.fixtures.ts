import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runLonghaul, type CliRun } from '../../src/cli/cli.fixtures.js';

/*
 * Test support for the fault suites (not a test itself): the CLI run in-process
 * and as the built program, and another process that holds SQLite's write lock.
 */

/**
 * The built CLI, as `npx longhaul` runs it (`npm test` builds it first).
 * LONGHAUL_TEST_CLI points at another build, such as a scratch `tsc --outDir`
 * copy's cli/main.js, so the suites can run while dist/ belongs to someone else.
 */
export const BUILT_CLI =
  process.env['LONGHAUL_TEST_CLI'] ?? fileURLToPath(new URL('../../bin/longhaul.js', import.meta.url));

/** Runs the CLI in-process in `cwd`, as a user would type it there. */
export function runInProcess(args: string[], cwd: string): Promise<CliRun> {
  return runLonghaul(args, { cwd, input: [] });
}

/** Another program holding a database's write lock, until it is released or its time is up. */
export interface LockHolder {
  /** Ends the other program, which releases the lock (the operating system drops it with the process). */
  release(): Promise<void>;
}

const LOCKER = `
const [modulePath, file, ms] = process.argv.slice(1);
const Database = require(modulePath);
const db = new Database(file);
db.exec('begin immediate');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('commit'); db.close(); process.exit(0); }, Number(ms));
`;

/**
 * Starts a separate Node process that opens `file` with better-sqlite3, takes
 * the write lock with BEGIN IMMEDIATE and keeps it for `holdMs`. Resolves once
 * the lock is held; fails if that takes more than five seconds.
 */
export async function holdWriteLock(file: string, holdMs: number): Promise<LockHolder> {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const child = spawn(process.execPath, ['-e', LOCKER, modulePath, file, String(holdMs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the lock holder did not take the lock within 5 s')), 5_000);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the lock holder exited early (${code ?? 'signal'}): ${stderr}`));
    });
  });
  return { release: () => stop(child) };
}

/** Ends a child process and waits for it to be gone. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}

/** Milliseconds `work` took, with its result. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}
