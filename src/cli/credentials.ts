import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { CliContext } from './context.js';

/** What `longhaul login` keeps: the server and the personal API token the CLI sends it. */
export interface Credentials {
  /** The server's base URL, without a trailing slash: `https://longhaul.example.com`. */
  server: string;
  /** The personal API token, `lh_…`, sent as `Authorization: Bearer`. */
  token: string;
}

/** What reading the credentials file found: none, some, or a file that cannot be used (with why). */
export type StoredCredentials =
  | { state: 'none' }
  | { state: 'ok'; credentials: Credentials; file: string }
  | { state: 'unreadable'; file: string; reason: string };

/**
 * The folder of the CLI's own files: $XDG_CONFIG_HOME/longhaul, else
 * $HOME/.config/longhaul; null when the environment names neither (then
 * nobody is logged in). Only the injected environment is read, so a test
 * never sees the credentials of the person running it.
 */
export function configDir(ctx: CliContext): string | null {
  const xdg = ctx.io.env.XDG_CONFIG_HOME;
  if (xdg !== undefined && xdg !== '') return join(xdg, 'longhaul');
  const home = ctx.io.env.HOME;
  if (home !== undefined && home !== '') return join(home, '.config', 'longhaul');
  return null;
}

/** The credentials file, or null when there is no config folder. */
export function credentialsFile(ctx: CliContext): string | null {
  const dir = configDir(ctx);
  return dir === null ? null : join(dir, 'credentials.json');
}

/** The largest credentials file read: far more than a URL and a token need. */
const MAX_CREDENTIALS_BYTES = 16_384;

/** Reads the stored credentials; a missing file is `none`, anything wrong with it is `unreadable`, never a throw. */
export function readCredentials(ctx: CliContext): StoredCredentials {
  const file = credentialsFile(ctx);
  if (file === null) return { state: 'none' };
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch {
    // Missing, or behind a folder this user may not enter (a HOME of another user): nobody logged in here.
    return { state: 'none' };
  }
  if (!stat.isFile()) return { state: 'unreadable', file, reason: 'it is not a file' };
  // Checked before reading, so a wrong file costs nothing.
  if (stat.size > MAX_CREDENTIALS_BYTES) return { state: 'unreadable', file, reason: 'it is too large' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { state: 'unreadable', file, reason: `it cannot be read (${code ?? 'unknown error'})` };
  }
  try {
    const value = JSON.parse(text) as Partial<Credentials> | null;
    if (
      typeof value?.server === 'string' &&
      typeof value.token === 'string' &&
      value.server !== '' &&
      value.token !== ''
    ) {
      return { state: 'ok', credentials: { server: value.server, token: value.token }, file };
    }
    return { state: 'unreadable', file, reason: 'it does not hold a server and a token' };
  } catch {
    return { state: 'unreadable', file, reason: 'it is not JSON' };
  }
}

/** Stores credentials readable by their owner only: the file 0600 in a folder 0700. */
export function writeCredentials(ctx: CliContext, credentials: Credentials): string {
  const dir = configDir(ctx);
  const file = credentialsFile(ctx);
  if (dir === null || file === null) {
    throw new Error('no folder for the credentials: set HOME or XDG_CONFIG_HOME');
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // Written with the mode from the start, then set again: an existing file keeps its old mode on write.
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

/** Removes the stored credentials; true when there were some. */
export function removeCredentials(ctx: CliContext): boolean {
  const file = credentialsFile(ctx);
  if (file === null) return false;
  if (!existsSync(file)) return false;
  rmSync(file, { force: true });
  return true;
}
