import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { OidcClient } from '../services/oidc.service.js';
import type { LadderCache } from '../services/ladder-version.service.js';
import type { Database, PersonRow } from '../store/schema.js';
import type { HttpMetrics } from './http-metrics.js';
import type { OpenApiDocument } from './openapi-document.js';

/**
 * What every route may use: the database (wrapped so queries are timed), the
 * parsed-ladder cache, the clock, and the server's own instruments. Built
 * once per server; routes get it instead of importing singletons, so tests
 * run many servers side by side.
 */
export interface AppContext {
  db: Kysely<Database>;
  ladders: LadderCache;
  /**
   * Today's date (YYYY-MM-DD) for a person, in their time zone (the server's
   * own when they have none): the bound and the default for evidence dates.
   */
  today(person: Pick<PersonRow, 'timeZone'>): string;
  metrics: HttpMetrics;
  /** The OpenAPI document of this server, built once from the route table. */
  openapi(): OpenApiDocument;
  /** The clock: session, token and reset-link expiry are read against it. */
  now(): Date;
  /** Whether this server runs the demo: it lists the demo accounts and signs them in with one click. */
  demo: boolean;
  /** The URL people reach the server at (`--public-url`), for reset links; else the request's own origin. */
  publicUrl: string | undefined;
  /** Whether cookies this server sets for this request must be Secure: HTTPS public URL, or TLS. */
  secureCookies(request: FastifyRequest): boolean;
  /** The organisation's identity provider, when single sign-on is configured (LONGHAUL_OIDC_*). */
  oidc: OidcClient | undefined;
}
