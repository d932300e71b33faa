import type { Backend } from './backend.js';
import { CliError } from './cli-error.js';
import type { CliContext } from './context.js';
import { readCredentials, type Credentials } from './credentials.js';
import { EXIT } from './exit-codes.js';
import { withLocalBackend } from './local-backend.js';
import { remoteBackend } from './remote-backend.js';

/** Where a command's data is: the local database file (or the default), or a server. */
export type BackendTarget =
  { kind: 'local'; dbFlag: string | undefined } | { kind: 'remote'; credentials: Credentials };

/**
 * Decides where a command runs: locally when `--db`, `--local` or
 * LONGHAUL_LOCAL=1 says so or nobody is logged in, else against the server
 * of `longhaul login`. A credentials file that cannot be used means "not
 * logged in", with a sentence on stderr saying so.
 */
export function chooseBackendTarget(ctx: CliContext, dbFlag: string | undefined): BackendTarget {
  if (dbFlag !== undefined || isForcedLocal(ctx)) return { kind: 'local', dbFlag };
  const stored = readCredentials(ctx);
  if (stored.state === 'ok') return { kind: 'remote', credentials: stored.credentials };
  if (stored.state === 'unreadable')
    ctx.warn(
      `note: not logged in: ${stored.file} cannot be used, because ${stored.reason}; using the local database. Run longhaul login again, or remove the file.`,
    );
  return { kind: 'local', dbFlag };
}

/** Whether `--local` or LONGHAUL_LOCAL=1 forces the local database. */
export function isForcedLocal(ctx: CliContext): boolean {
  const env = ctx.io.env.LONGHAUL_LOCAL;
  return ctx.forceLocal === true || (env !== undefined && env !== '' && env !== '0');
}

/**
 * For a command that has no remote form yet: refuses to run it silently on
 * the local database while the CLI is logged in to a server, and says how to
 * run it locally on purpose.
 */
export function requireLocal(ctx: CliContext, dbFlag: string | undefined, command: string): void {
  const target = chooseBackendTarget(ctx, dbFlag);
  if (target.kind === 'remote')
    throw new CliError(
      `\`longhaul ${command}\` works on the local database only, and you are logged in to ${target.credentials.server}; add --local (or --db PATH) to run it locally`,
      EXIT.failure,
    );
}

/** Runs a command's work against the backend chooseBackendTarget picks. */
export async function withBackend<T>(
  ctx: CliContext,
  dbFlag: string | undefined,
  work: (backend: Backend) => Promise<T>,
): Promise<T> {
  const target = chooseBackendTarget(ctx, dbFlag);
  return target.kind === 'remote' ? work(remoteBackend(target.credentials)) : withLocalBackend(ctx, dbFlag, work);
}
