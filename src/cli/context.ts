import type { CliIo } from './cli-io.js';
import { chooseStyle, type Style } from './format.js';

/** What every command gets: the streams, the style, and ways to print. */
export interface CliContext {
  io: CliIo;
  style: Style;
  /** Prints lines for a person. */
  print(text: string): void;
  /** Prints a value as JSON for a script, one document per command. */
  printJson(value: unknown): void;
  /** Prints a warning or a hint to stderr, so it never mixes with data. */
  warn(text: string): void;
  /** The status the run ends with; commands set it through `action`. */
  exitCode: number;
  /** `--local`: use the local database even when logged in to a server. */
  forceLocal?: boolean;
}

/** Builds the context for one run of the CLI. */
export function createContext(io: CliIo): CliContext {
  return {
    io,
    style: chooseStyle(io.isTty, io.env),
    print: (text) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    exitCode: 0,
  };
}

/**
 * Wraps a command's handler so that the exit status it returns becomes the
 * status of the run (commander ignores return values).
 */
export function action<A extends unknown[]>(
  ctx: CliContext,
  handler: (...args: A) => Promise<number | undefined> | number | undefined,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const code = await handler(...args);
    if (typeof code === 'number') ctx.exitCode = code;
  };
}
