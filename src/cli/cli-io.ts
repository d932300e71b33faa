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
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is a terminal: colour and prompts only then. */
  isTty: boolean;
  /** Today's date (YYYY-MM-DD), injectable so tests do not depend on the clock. */
  today?: string;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin.isTTY ? process.stdin : null,
    env: process.env,
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
  };
}
