import { Readable } from 'node:stream';
import { runCli } from './program.js';

/*
 * Test support (not shipped): the CLI run in-process, as a user would type a
 * command, with its output captured. Every CLI suite runs commands this one way.
 */

/** What a run of the CLI left behind. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, for `--json` runs. */
  json<T = Record<string, unknown>>(): T;
}

/** Where and how to run a command; everything but the folder has a default. */
export interface CliRunOptions {
  cwd: string;
  /** Lines the user types, for interactive commands; stdin is closed when left out. */
  input?: readonly string[];
  /** Added to the environment, which always names the local person "Ada Lovelace". */
  env?: Record<string, string>;
  /** Whether stdout is a terminal. */
  isTty?: boolean;
  /** Pins today's date; 2026-11-28 unless a clock (`now`) is given instead. */
  today?: string;
  /** The clock, for tests that depend on time zones. */
  now?: () => Date;
}

/** Runs `longhaul ARGS` in-process and resolves once the command has finished. */
export function runLonghaul(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  return startLonghaul(args, options).done;
}

/**
 * Starts `longhaul ARGS` in-process without waiting for it, for long-running
 * commands such as `serve`: the output so far is readable while it runs.
 */
export function startLonghaul(
  args: readonly string[],
  options: CliRunOptions,
): { stdout(): string; stderr(): string; done: Promise<CliRun> } {
  let stdout = '';
  let stderr = '';
  const today = options.today ?? (options.now === undefined ? '2026-11-28' : undefined);
  const code = runCli([...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: options.input === undefined ? null : Readable.from(options.input.map((line) => `${line}\n`)),
    env: { LONGHAUL_NAME: 'Ada Lovelace', ...options.env },
    cwd: options.cwd,
    isTty: options.isTty ?? false,
    ...(today === undefined ? {} : { today }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    done: code.then((exit) => ({ code: exit, stdout, stderr, json: <T>() => JSON.parse(stdout) as T })),
  };
}
