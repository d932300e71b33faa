import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

/*
 * A real OpenID provider for the tests (oidc-provider, certified, a
 * devDependency: this file stays out of the build like every *.fixtures.ts).
 * It listens on 127.0.0.1 on a free port, knows the accounts a test gives it,
 * and signs in as the account the test chose without a page: its interaction
 * route logs that account in and grants the requested scope at once. PKCE is
 * required, as a real provider should require it of Longhaul.
 */

/** A person at the identity provider. */
export interface TestAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

/** A confidential client registered at the test provider. */
export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** How the test provider behaves. */
export interface TestProviderOptions {
  accounts: readonly TestAccount[];
  /** Lifetime of ID tokens in seconds (default 60): short, so a test can move the client's clock past it. */
  idTokenTtlSeconds?: number;
  /**
   * True (default): the ID token carries the email and name. False: only the
   * userinfo endpoint does, as many providers do by default.
   */
  claimsInIdToken?: boolean;
  /** Where the provider sends the browser back (both clients); by default a loopback URL nothing listens on. */
  redirectUri?: string;
}

/** A running test provider. */
export interface TestProvider {
  issuer: string;
  /** Longhaul's registration, and another application's, whose tokens must not be accepted by Longhaul. */
  clients: { longhaul: TestClient; other: TestClient };
  /** Chooses the account the next sign-ins log in as. */
  signInAs(sub: string): void;
  /** Errors the provider reported while answering (a test fails on an unexpected one). */
  serverErrors: unknown[];
  close(): Promise<void>;
}

/** A redirect URI on loopback that nothing listens on: the tests stop at the redirect and read its URL. */
const REDIRECT_BASE = 'http://127.0.0.1:9/auth/oidc/callback';

/** Starts the provider; `close()` it after the suite. */
export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  let current = options.accounts[0]?.sub;
  const serverErrors: unknown[] = [];
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const redirectUri = options.redirectUri ?? REDIRECT_BASE;
  const clients = {
    longhaul: { clientId: 'longhaul', clientSecret: secret(), redirectUri },
    other: { clientId: 'other-app', clientSecret: secret(), redirectUri },
  };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: Object.values(clients).map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [secret()] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: options.claimsInIdToken === false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: options.idTokenTtlSeconds ?? 60,
      Interaction: 600,
      Session: 600,
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(account.email === undefined ? {} : { email: account.email }),
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          ...(account.name === undefined ? {} : { name: account.name }),
        }),
      };
    },
  });
  provider.on('server_error', (_ctx, error) => serverErrors.push(error));
  const handle = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if ((req.url ?? '').startsWith('/interaction/')) {
      finishInteraction(provider, req, res, current).catch((error: unknown) => {
        serverErrors.push(error);
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    handle(req, res);
  });

  return {
    issuer,
    clients,
    serverErrors,
    signInAs(sub) {
      if (!accounts.has(sub)) throw new Error(`the test provider has no account "${sub}"`);
      current = sub;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

/** The interaction page, without a page: logs in as the chosen account and grants what the client asked for. */
async function finishInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  accountId: string | undefined,
): Promise<void> {
  if (accountId === undefined) throw new Error('the test provider has no account to sign in as');
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope ?? 'openid');
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

function secret(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The browser's part: follows the redirects from the authorization URL (with
 * a cookie jar of its own, redirects taken by hand) until one leads to the
 * redirect URI, and returns that URL, the callback with its code and state.
 */
export async function followSignIn(authorizationUrl: string, redirectUri: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop += 1) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, {
      redirect: 'manual',
      headers: cookie === '' ? {} : { cookie },
      signal: AbortSignal.timeout(5_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      throw new Error(
        `the test provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`,
      );
    }
    await response.body?.cancel();
    url = new URL(location, url);
    if (url.href.startsWith(redirectUri)) return url.href;
  }
  throw new Error('the test provider redirected more than 10 times');
}

/**
 * oidc-provider's storage, in memory and per provider: the test provider is
 * one process, and passing an adapter of its own keeps oidc-provider from
 * warning that its built-in one is for development only.
 */
function memoryAdapter() {
  const rows = new Map<string, { payload: Record<string, unknown>; expires: number }>();
  const live = (key: string) => {
    const row = rows.get(key);
    return row === undefined || row.expires < Date.now() ? undefined : row.payload;
  };
  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void> {
      rows.set(`${this.model}:${id}`, { payload, expires: Date.now() + expiresIn * 1000 });
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      return live(`${this.model}:${id}`);
    }

    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      return this.findBy('uid', uid);
    }

    async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
      return this.findBy('userCode', userCode);
    }

    async consume(id: string): Promise<void> {
      const payload = live(`${this.model}:${id}`);
      if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      rows.delete(`${this.model}:${id}`);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, row] of rows) if (row.payload.grantId === grantId) rows.delete(key);
    }

    private findBy(field: string, value: string): Record<string, unknown> | undefined {
      for (const key of rows.keys()) {
        const payload = key.startsWith(`${this.model}:`) ? live(key) : undefined;
        if (payload?.[field] === value) return payload;
      }
      return undefined;
    }
  };
}
