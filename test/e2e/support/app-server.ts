import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Ladder } from '../../../src/core/ladder.js';
import { buildServer } from '../../../src/server/app.js';
import { suiteLogger } from '../../../src/server/suite-log.fixtures.js';
import type { OidcClient } from '../../../src/services/oidc.service.js';
import { createAdminAccount } from '../../../src/services/account.service.js';
import { createApiToken } from '../../../src/services/api-token.service.js';
import { seedDemoOrganisation } from '../../../src/services/demo.service.js';
import { DEFAULT_LADDER_FILE, readLadderFile } from '../../../src/services/ladder-files.js';
import { initialiseWorkspace, openWorkspace, type Workspace } from '../../../src/services/workspace.service.js';

/**
 * The built web app the browser tests load; `npm test` builds it before vitest
 * runs. `LONGHAUL_TEST_WEB_ROOT` points at another build, so several people
 * working in one checkout can each build and test their own copy.
 */
export const WEB_ROOT =
  process.env['LONGHAUL_TEST_WEB_ROOT'] ?? fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** Fails early, with the fix, when the web app has not been built. */
export function requireWebBuild(): string {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`The browser tests need the built web app at ${WEB_ROOT}: run npm run build`);
  }
  return WEB_ROOT;
}

/** The password of the local person's account on a server without the demo. */
export const E2E_PASSWORD = 'browser suite passphrase';

/** What a browser suite needs of the server it drives. */
export interface AppServer {
  /** Base URL, like http://127.0.0.1:53412. */
  url: string;
  /** The local person, whom the browser signs in as. */
  personName: string;
  /**
   * How the local person signs in: with the demo, their demo account (one click, no password);
   * without it, this email and E2E_PASSWORD. Null when the server was started with no account (`account: false`).
   */
  email: string | null;
  /** Whether the server runs the demo. */
  demo: boolean;
  /** Headers that sign a suite's own `fetch` in as the local person (a personal API token); empty without an account. */
  apiHeaders: Record<string, string>;
  /** The ladder the database was initialised with (the default ladder unless `ladderFile` named another). */
  ladder: Ladder;
  server: FastifyInstance;
  /** The server's database, for a suite that adds people. */
  db: Workspace['db'];
  close(): Promise<void>;
}

/** Options for {@link startAppServer}. */
export interface StartAppServerOptions {
  /** The name of the local person, as `serve --name` sets it. */
  personName: string;
  /** Seed the demo organisation, as `serve` does for a new database unless told `--no-demo`. */
  demo?: boolean;
  /** The ladder file the database starts with, as `init --ladder` sets it; the default ladder when left out. */
  ladderFile?: string;
  /** The server's clock; each person's today is taken from it in their time zone. Default: the real clock. */
  now?: () => Date;
  /** False: without the demo, the local person gets no account, so the first visit creates the admin. */
  account?: boolean;
  /** The port to listen on (a free one by default); single sign-on needs it known before the server starts. */
  port?: number;
  /** The identity provider for single sign-on; off without it. */
  oidc?: OidcClient;
}

/** Today's calendar date in UTC; suites pick dates days away from it, so no person's time zone moves them across it. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Starts the real server in this process, on 127.0.0.1 and a free port, over
 * a new SQLite file: the default ladder, the local person and, when asked,
 * the demo organisation, created by the same services `longhaul serve` uses
 * for a new database. The web app comes from dist/web.
 */
export async function startAppServer(options: StartAppServerOptions): Promise<AppServer> {
  const webRoot = requireWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'longhaul-e2e-'));
  const workspace = await openWorkspace(join(dir, 'longhaul.db'), { create: true });
  try {
    const source = await readLadderFile(options.ladderFile ?? DEFAULT_LADDER_FILE);
    const { person } = await initialiseWorkspace(workspace.db, { ladder: source, personName: options.personName });
    const demo = options.demo === true;
    let email: string | null = null;
    if (demo) {
      await seedDemoOrganisation(workspace.db, source.ladder, { today: todayIso(), localPersonId: person.id });
      email =
        (await workspace.db.selectFrom('people').select('email').where('id', '=', person.id).executeTakeFirst())
          ?.email ?? null;
    } else if (options.account !== false) {
      email = 'owner@example.com';
      await createAdminAccount(workspace.db, { email, password: E2E_PASSWORD }, new Date());
    }
    const apiHeaders: Record<string, string> = {};
    if (email !== null) {
      const { token } = await createApiToken(
        workspace.db,
        person.id,
        { name: 'browser suite', expiresInDays: 30 },
        new Date(),
      );
      apiHeaders['authorization'] = `Bearer ${token}`;
    }
    const server = await buildServer({
      db: workspace.db,
      webRoot,
      logger: suiteLogger(),
      now: options.now,
      demo,
      ...(options.oidc === undefined ? {} : { oidc: options.oidc }),
    });
    await server.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    const address = server.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('the server has no address');
    return {
      url: `http://127.0.0.1:${address.port}`,
      personName: person.name,
      email,
      demo,
      apiHeaders,
      ladder: source.ladder,
      server,
      db: workspace.db,
      async close() {
        await server.close();
        await workspace.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await workspace.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
