import { canonicalTimeZone, todayIn } from '../shared/time-zone.js';

/** A stream the CLI can write to: process.stdout in production, a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Everything the CLI touches outside itself, passed in so that every command
 * can be run in-process by tests with its own environment and streams.
 */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Lines typed by the user, for interactive commands; null when not interactive. */
  stdin: NodeJS.ReadableStream | null;
  /** Standard input when it is a pipe, not a terminal (`--password-stdin`); null or absent otherwise. */
  pipedStdin?: NodeJS.ReadableStream | null;
  /** The environment; `TZ` names the time zone of a person who has not chosen one. */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is a terminal: colour and prompts only then. */
  isTty: boolean;
  /** The clock, injectable so tests can pin an instant; today is read from it in the person's time zone. */
  now?: () => Date;
  /** Pins today's date (YYYY-MM-DD) whatever the zone, for tests that do not depend on zones. */
  today?: string;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin.isTTY ? process.stdin : null,
    pipedStdin: process.stdin.isTTY ? null : process.stdin,
    env: process.env,
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
  };
}

/**
 * The time zone of the machine the CLI runs on: `TZ` when it names a zone
 * Intl knows (`Europe/Berlin`, or glibc's `:Europe/Berlin`), else the zone the
 * system reports. A new person gets it, and it stands in for a person who
 * has none.
 */
export function machineTimeZone(io: Pick<CliIo, 'env'>): string {
  const fromEnv = io.env.TZ?.replace(/^:/, '');
  const named = fromEnv === undefined ? undefined : canonicalTimeZone(fromEnv);
  return named ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today's date (YYYY-MM-DD) in a time zone, from the injected clock or the pinned date. */
export function todayFor(io: Pick<CliIo, 'now' | 'today'>, timeZone: string): string {
  return io.today ?? todayIn(timeZone, io.now?.() ?? new Date());
}
