import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Kysely } from 'kysely';
import { LadderCache } from '../services/ladder-version.service.js';
import type { OidcClient } from '../services/oidc.service.js';
import { timeZoneOf } from '../services/person.service.js';
import { todayIn } from '../shared/time-zone.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './app-context.js';
import { toErrorReply, type InputLocator } from './error-response.js';
import { HttpError } from './http-error.js';
import { createHttpMetrics, QueryTimingPlugin } from './http-metrics.js';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
import type { RouteMeta } from './route.js';
import { ROUTES } from './routes/index.js';
import { answerClientError, registerSecurity } from './security.js';
import { StaticSite } from './static-files.js';

/** What a server needs: the open database, and optionally logging, where the web app is, and a clock. */
export interface BuildServerOptions {
  /** An open, migrated database; the caller owns it and closes it after the server. */
  db: Kysely<Database>;
  /** Fastify's logger option: false (the default) is silent, true or pino options log JSON lines. */
  logger?: FastifyServerOptions['logger'];
  /** The built web app; default dist/web beside the compiled server. */
  webRoot?: string;
  /** The clock; tests pin an instant, and each person's today is taken from it in their time zone. */
  now?: () => Date;
  /** Pins today's date (YYYY-MM-DD) in every time zone, for tests that do not care about zones. */
  today?: () => string;
  /** The URL people reach the server at beyond loopback (`--public-url`); its host and origin are accepted. */
  publicUrl?: string;
  /** Overrides the slow-client bounds, in milliseconds; tests shorten them. */
  timeouts?: Partial<ServerTimeouts>;
  /**
   * Whether the server runs the demo: the sign-in page lists the demo's accounts and signs them in
   * with one click. `longhaul serve` sets it for a database that holds the demo, unless --no-demo.
   */
  demo?: boolean;
  /** The identity provider for single sign-on (GET /auth/oidc/start); none turns single sign-on off. */
  oidc?: OidcClient;
}

/** How long a client may take: the three bounds that close a connection a slow or stalled client holds. */
export interface ServerTimeouts {
  /** The whole request, headers and body, must arrive within this. */
  requestMs: number;
  /** The headers must arrive within this. */
  headersMs: number;
  /** A connection with no bytes moving either way is closed after this. */
  idleMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

/** The bounds `longhaul serve` uses; docs/reliability.md lists them. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  requestMs: 30_000,
  headersMs: 10_000,
  idleMs: 15_000,
  keepAliveMs: 5_000,
};

/** The built web app next to the compiled server: dist/server/app.js -> dist/web/. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

/** Largest request body accepted; evidence bodies are Markdown notes, not attachments. */
const BODY_LIMIT = 1024 * 1024;

/** Paths that are never the web app: unknown ones under them are 404 JSON, not index.html. */
const RESERVED = /^\/(api|auth|healthz|readyz|metrics)(\/|$)/;

/** Routes polled by probes and scrapers: logged at debug so they do not drown the log. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Builds the HTTP server: the route table on one pipeline per route, one
 * error format for every failure, metrics and logs per request, and the web
 * app for every other page. The server is returned unstarted; call listen.
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const metrics = createHttpMetrics();
  const now = options.now ?? (() => new Date());
  // People who have not chosen a zone live in the server machine's, as `longhaul serve` runs on theirs.
  const serverZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  let openapi: OpenApiDocument | undefined;
  const app: AppContext = {
    db: options.db.withPlugin(new QueryTimingPlugin(metrics.queryDuration)),
    ladders: new LadderCache(),
    today: (person) => options.today?.() ?? todayIn(timeZoneOf(person, serverZone), now()),
    metrics,
    openapi: () => (openapi ??= buildOpenApiDocument(ROUTES.map((r) => r.meta))),
    now,
    demo: options.demo === true,
    oidc: options.oidc,
    publicUrl: options.publicUrl,
    secureCookies: (request) =>
      request.protocol === 'https' || (options.publicUrl !== undefined && options.publicUrl.startsWith('https:')),
  };
  const site = new StaticSite(options.webRoot ?? DEFAULT_WEB_ROOT);
  const byRoute = new Map(ROUTES.map((r) => [`${r.meta.method} ${r.meta.path}`, r.meta]));
  const patterns = ROUTES.map((r) => ({ meta: r.meta, regex: pathRegex(r.meta.path) }));
  const staticRequests = new WeakSet<FastifyRequest>();

  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const server = Fastify({
    logger: options.logger ?? false,
    // One line per request, written by the onResponse hook below with the route and duration.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: (raw) => {
      const given = raw.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMIT,
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: Math.min(1000, timeouts.headersMs) },
    clientErrorHandler: answerClientError,
    return503OnClosing: true,
    frameworkErrors: (error, request, reply) => {
      sendError(error, request, reply, 'query');
    },
  });

  const inputSourceOf = (request: FastifyRequest): InputLocator =>
    byRoute.get(`${request.routeOptions.method as string} ${request.routeOptions.url ?? ''}`)?.inputSource ??
    (request.method === 'GET' ? 'query' : 'body');

  function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply, source: InputLocator): void {
    const result = toErrorReply(error, source);
    if (result.unexpected) request.log.error({ err: error }, 'unexpected failure while handling a request');
    reply
      .code(result.status)
      .headers(result.headers)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(result.body));
  }

  registerSecurity(server, options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl });
  await server.register(fastifyCookie);

  // Every body is JSON: a text body is refused with 415 rather than read as a string.
  server.removeContentTypeParser('text/plain');

  server.setErrorHandler((error, request, reply) => sendError(error, request, reply, inputSourceOf(request)));

  server.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const allowed = allowedMethods(patterns, pathname);
    const method = request.method;
    if (allowed.length > 0 && !allowed.includes(method)) {
      throw new HttpError(
        'method_not_allowed',
        `${method} is not allowed on ${pathname}; it answers ${allowed.join(', ')}`,
        [],
        { allow: allowed.join(', ') },
      );
    }
    if ((method === 'GET' || method === 'HEAD') && !RESERVED.test(pathname)) {
      staticRequests.add(request);
      return site.serve(request, reply);
    }
    throw new HttpError('route_not_found', `no route ${method} ${pathname}; the API reference is at /api/docs`);
  });

  server.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  server.addHook('onResponse', async (request, reply) => {
    // The route's pattern, never the raw URL, so ids do not become label values.
    const label = staticRequests.has(request) ? 'static' : (request.routeOptions.url ?? 'unmatched');
    const seconds = reply.elapsedTime / 1000;
    metrics.requests.inc({ method: request.method, route: label, status: String(reply.statusCode) });
    metrics.requestDuration.observe({ method: request.method, route: label }, seconds);
    const line = {
      method: request.method,
      route: label,
      url: redactUrl(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    };
    if (QUIET_ROUTES.has(label)) request.log.debug(line, 'request completed');
    else request.log.info(line, 'request completed');
  });

  for (const route of ROUTES) {
    server.route({
      method: route.meta.method,
      url: route.meta.path,
      handler: (request, reply) => route.run(request, reply, app),
    });
  }
  return server;
}

/** Paths that carry a secret (a password-reset link's token): the log shows the pattern instead. */
const SECRET_PATHS = /^(\/api\/password-resets\/)[^/?#]+/;

/** Paths whose whole query is a secret: the identity provider's answer carries a one-time code and the state. */
const SECRET_QUERIES = /^(\/auth\/oidc\/callback)\?.*$/s;

/** The URL as the log may hold it: no reset token, and no single sign-on code or state. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PATHS, '$1:token').replace(SECRET_QUERIES, '$1?:redacted');
}

/** Matches a concrete path against a route path with :parameters. */
function pathRegex(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** The methods a path answers, HEAD with every GET, for a 405's Allow header. */
function allowedMethods(patterns: readonly { meta: RouteMeta; regex: RegExp }[], pathname: string): string[] {
  const methods = new Set<string>();
  for (const { meta, regex } of patterns) {
    if (!regex.test(pathname)) continue;
    methods.add(meta.method);
    if (meta.method === 'GET') methods.add('HEAD');
  }
  return [...methods];
}
