import { existsSync, rmSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Command } from 'commander';
import { DomainError } from '../core/domain-error.js';
import { adminExists } from '../services/account.service.js';
import { holdsDemo, seedDemoOrganisation } from '../services/demo.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from '../services/ladder-files.js';
import { readOidcSettings } from '../services/oidc-settings.js';
import { createOidcClient } from '../services/oidc.service.js';
import {
  findLocalPerson,
  initialiseWorkspace,
  loadActiveLadder,
  openWorkspace,
  type Workspace,
} from '../services/workspace.service.js';
import { machineTimeZone } from './cli-io.js';
import { action, type CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { defaultPersonName, resolveDbFile, today } from './workspace.js';

/** Where `longhaul serve` listens unless told otherwise: this machine only, until someone decides otherwise. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4100;

/** The name the demo's local person has; the demo's stories are written around her place in Payments. */
const DEMO_PERSON = 'Sam Okafor';

interface ServeOptions {
  port?: string;
  logLevel?: string;
  host: string;
  db?: string;
  demo?: boolean;
  name?: string;
  publicUrl?: string;
}

/** `longhaul serve` and the hidden `longhaul openapi`: the web app and HTTP API, and its reference document. */
export function registerServeCommands(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the web app and the HTTP API; a new database starts with the demo organisation')
    .option('--port <n>', `port to listen on (default: $PORT or ${DEFAULT_PORT})`)
    .option('--host <host>', 'interface to listen on; anyone who can reach it sees the sign-in page', DEFAULT_HOST)
    .option(
      '--public-url <url>',
      'the URL people reach the server at beyond loopback, such as https://longhaul.example (default: $LONGHAUL_PUBLIC_URL); requests for any other host are refused',
    )
    .option('--db <path>', 'database file (default: $LONGHAUL_DB or ./longhaul.db); created when missing')
    .option('--demo', 'seed a demo organisation into a new database (the default), and offer its accounts')
    .option(
      '--no-demo',
      'start a new database with only you in it (the first visit creates the admin account); on a demo database, turn one-click demo sign-in off',
    )
    .option('--name <name>', `your name in a new database (default: ${DEMO_PERSON} with the demo, else your login)`)
    .option(
      '--log-level <level>',
      `server log: ${LOG_LEVELS.join(', ')} (default: $LONGHAUL_LOG_LEVEL, else warn on a terminal and info, as JSON lines, elsewhere)`,
    )
    .action(action(ctx, (opts: ServeOptions) => serve(ctx, opts)));

  program
    .command('openapi', { hidden: true })
    .description('print the OpenAPI document of the HTTP API (regenerates docs/openapi.json)')
    .action(
      action(ctx, async () => {
        // Loaded here, not at the top: every other command starts faster without Fastify.
        const [{ buildOpenApiDocument }, { ROUTES }] = await Promise.all([
          import('../server/openapi.js'),
          import('../server/routes/index.js'),
        ]);
        ctx.printJson(buildOpenApiDocument(ROUTES.map((r) => r.meta)));
        return EXIT.ok;
      }),
    );
}

async function serve(ctx: CliContext, opts: ServeOptions): Promise<number> {
  const port = choosePort(opts.port, ctx.io.env.PORT);
  const publicUrl = choosePublicUrl(opts.publicUrl, ctx.io.env.LONGHAUL_PUBLIC_URL);
  const logLevel = chooseLogLevel(opts.logLevel, ctx.io.env.LONGHAUL_LOG_LEVEL, ctx.io.isTty);
  // Read before any database is opened: a half-configured single sign-on stops the start, naming each variable.
  const oidcSettings = readOidcSettings(ctx.io.env, publicUrl === undefined ? {} : { publicUrl });
  const file = resolveDbFile(ctx, opts.db);
  const shown = displayPath(ctx, file);
  const isNew = file === ':memory:' || !existsSync(file);
  const workspace = await openWorkspace(file, { create: isNew });
  let closeServer: (() => Promise<void>) | undefined;
  let listening = false;
  try {
    if (isNew) await createDatabase(ctx, workspace, shown, opts);
    const person = await findLocalPerson(workspace.db);
    await loadActiveLadder(workspace.db);
    const demo = opts.demo !== false && (await holdsDemo(workspace.db));
    const hasAdmin = await adminExists(workspace.db);

    const { buildServer } = await import('../server/app.js');
    const server = await buildServer({
      db: workspace.db,
      logger: { level: logLevel, stream: logStream(ctx) },
      demo,
      ...(oidcSettings === undefined ? {} : { oidc: createOidcClient(oidcSettings) }),
      ...(publicUrl === undefined ? {} : { publicUrl }),
    });
    closeServer = () => server.close();
    try {
      await server.listen({ port, host: opts.host });
    } catch (error) {
      throw listenError(error, port, opts.host);
    }
    listening = true;
    const address = server.server.address();
    const bound = typeof address === 'object' && address !== null ? address.port : port;
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    const url = `http://${host}:${bound}`;
    const signIn = demo
      ? 'the demo: sign in with one of its accounts'
      : hasAdmin
        ? 'sign in with your account'
        : `open it to create the admin account for ${person.name}, or run "longhaul admin create --email …"`;
    ctx.print(`Longhaul is running at ${url} (database ${shown}; ${signIn})`);
    if (oidcSettings !== undefined) ctx.print(`Single sign-on through ${oidcSettings.issuer} is on.`);
    if (!isLoopback(opts.host) && (demo || !hasAdmin)) {
      ctx.warn(
        demo
          ? `warning: listening on ${opts.host}: anyone who can reach this machine on port ${bound} can sign in to the demo accounts with one click (serve --no-demo turns that off)`
          : `warning: listening on ${opts.host} without an admin account: the first visitor on port ${bound} creates it; run "longhaul admin create" first`,
      );
    }
    const signal = await untilSignal();
    ctx.print(`Received ${signal}; stopping.`);
  } finally {
    await closeServer?.();
    await workspace.close();
    // A database created for a server that never started would only confuse the next try.
    if (!listening && isNew && file !== ':memory:') {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    }
  }
  return EXIT.ok;
}

/** Creates the tables' content of a new database: the default ladder, the local person and (unless --no-demo) the demo. */
async function createDatabase(ctx: CliContext, workspace: Workspace, shown: string, opts: ServeOptions): Promise<void> {
  const source = await readLadderFile(DEFAULT_LADDER_FILE, ctx.io.cwd);
  const demo = opts.demo !== false;
  const personName = opts.name ?? (demo ? DEMO_PERSON : defaultPersonName(ctx));
  const { person } = await initialiseWorkspace(workspace.db, {
    ladder: source,
    personName,
    timeZone: machineTimeZone(ctx.io),
  });
  if (!demo) {
    ctx.print(`Created ${shown} with the default ladder, for ${person.name}.`);
    return;
  }
  const summary = await seedDemoOrganisation(workspace.db, source.ladder, {
    today: today(ctx, person),
    localPersonId: person.id,
  });
  ctx.print(
    `Created ${shown} with the default ladder and a demo organisation: ${summary.people} people in ${summary.teams} teams, ${summary.evidence} pieces of evidence, ${summary.assessments} assessments.`,
  );
}

/** Pino's levels, most talkative first; `silent` turns the log off. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A level of the server log. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The server log's level: the flag, then $LONGHAUL_LOG_LEVEL, then a default
 * that suits where the output goes. A person at a terminal sees the URL and
 * then only warnings and errors; a process manager or a container (no
 * terminal) gets a JSON line per request for its log collector.
 */
export function chooseLogLevel(flag: string | undefined, env: string | undefined, isTty: boolean): LogLevel {
  const [value, source] =
    flag !== undefined ? [flag, '--log-level'] : env !== undefined && env !== '' ? [env, 'LONGHAUL_LOG_LEVEL'] : [];
  if (value === undefined) return isTty ? 'warn' : 'info';
  const level = LOG_LEVELS.find((l) => l === value.trim().toLowerCase());
  if (level === undefined) {
    throw new DomainError(
      'input_invalid',
      `${source}: "${value}" is not a log level; use one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  return level;
}

/** Where the server's log lines go: JSON lines to stdout off a terminal; on one, short text, warnings and errors to stderr. */
function logStream(ctx: CliContext): { write(line: string): void } {
  if (!ctx.io.isTty) return { write: (line) => void ctx.io.stdout.write(line) };
  return {
    write: (line) => {
      const text = formatLogLine(line);
      if (text.level >= 40) ctx.io.stderr.write(`${ctx.style.yellow(text.line)}\n`);
      else ctx.io.stdout.write(`${text.line}\n`);
    },
  };
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/**
 * One JSON log record as a person reads it in a terminal:
 * `14:02:07 INFO GET /api/me 200 3.1ms request completed`, with the error's
 * message when there is one. A line that is not JSON is passed through.
 */
export function formatLogLine(json: string): { level: number; line: string } {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { level: 30, line: json.trimEnd() };
  }
  const level = typeof record.level === 'number' ? record.level : 30;
  const time = typeof record.time === 'number' ? new Date(record.time).toTimeString().slice(0, 8) : '';
  const err = record.err as { message?: unknown } | undefined;
  const parts = [
    time,
    LEVEL_NAMES[level] ?? String(level),
    record.method,
    record.url,
    record.status,
    typeof record.durationMs === 'number' ? `${record.durationMs}ms` : undefined,
    record.msg,
    typeof err?.message === 'string' ? `: ${err.message}` : undefined,
  ];
  const line = parts
    .filter((p) => p !== undefined && p !== '')
    .map(String)
    .join(' ')
    .replace(/ : /, ': ');
  return { level, line };
}

/** The port: the flag, then $PORT, then 4100; anything but a whole number 0-65535 is refused, naming its source. */
/** The --public-url flag or $LONGHAUL_PUBLIC_URL, checked to be an http(s) URL; the server also answers to its host. */
export function choosePublicUrl(flag: string | undefined, env: string | undefined): string | undefined {
  const [value, source] = flag !== undefined ? [flag, '--public-url'] : [env, 'LONGHAUL_PUBLIC_URL'];
  if (value === undefined || value === '') return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new DomainError(
      'input_invalid',
      `${source}: "${value}" is not a URL; give one like https://longhaul.example`,
    );
  }
  return value;
}

export function choosePort(flag: string | undefined, env: string | undefined): number {
  const [value, source] =
    flag !== undefined
      ? [flag, '--port']
      : env !== undefined && env !== ''
        ? [env, 'PORT']
        : [String(DEFAULT_PORT), ''];
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new DomainError('input_invalid', `${source}: "${value}" is not a port; give a whole number from 0 to 65535`);
  }
  return port;
}

function listenError(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new DomainError('conflict', `port ${port} is in use; pick another with --port`);
  if (code === 'EACCES') {
    return new DomainError('conflict', `not allowed to listen on port ${port}; pick one above 1023 with --port`);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new DomainError('input_invalid', `--host: cannot listen on "${host}": no such address on this machine`);
  }
  return error;
}

/** Resolves with the name of the first SIGINT or SIGTERM, and stops listening for them. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The database as the user would type it: ./longhaul.db inside the working directory, else the full path. */
function displayPath(ctx: CliContext, file: string): string {
  if (file === ':memory:' || !isAbsolute(file)) return file;
  const rel = relative(ctx.io.cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? `./${rel}` : file;
}
