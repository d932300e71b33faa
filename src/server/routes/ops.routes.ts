import { sql } from 'kysely';
import { z } from 'zod';
import { Health } from '../api-contract.js';
import { anonymous } from '../authenticate.js';
import { renderDocsPage } from '../docs-page.js';
import { HttpError } from '../http-error.js';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics.js';
import { permit, policy } from '../policy.js';
import { defineRoute, type Route } from '../route.js';

/** The reference document, described loosely: OpenAPI's own schema is the full description. */
const OpenApiDocumentSchema = z
  .looseObject({ openapi: z.string().describe('3.1.0') })
  .describe('An OpenAPI 3.1 document: https://spec.openapis.org/oas/v3.1.0');

/** How long /readyz waits for the database before calling it not ready. */
const READY_TIMEOUT_MS = 2_000;

/** For operators and tools: liveness, readiness, metrics, and the API reference in two forms. */
export const opsRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'ops',
    summary: 'Liveness: the process is up',
    authenticate: anonymous,
    errors: [],
    authorize: async () => permit(policy.openToAll(), undefined),
    handle: async () => undefined,
    present: () => ({ status: 'ok' as const }),
    audit: { none: "a probe: no one's data" },
    response: { status: 200, description: 'The process answers.', schema: Health },
  }),
  defineRoute({
    method: 'GET',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'ops',
    summary: 'Readiness: the database answers',
    description: 'Runs `select 1`. 503 with the reason when the database does not answer within two seconds.',
    authenticate: anonymous,
    errors: [503],
    authorize: async () => permit(policy.openToAll(), undefined),
    handle: async ({ app }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([sql`select 1`.execute(app.db), timeout]);
      } catch (error) {
        throw new HttpError(
          'not_ready',
          `the database does not answer: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        clearTimeout(timer);
      }
    },
    present: () => ({ status: 'ok' as const }),
    audit: { none: "a probe: no one's data" },
    response: { status: 200, description: 'The database answers.', schema: Health },
  }),
  defineRoute({
    method: 'GET',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'ops',
    summary: 'Prometheus metrics',
    description:
      'Text exposition format 0.0.4: `longhaul_http_requests_total`, `longhaul_http_request_duration_seconds` and `longhaul_db_query_duration_seconds`.',
    authenticate: anonymous,
    errors: [],
    authorize: async () => permit(policy.openToAll(), undefined),
    handle: async ({ app }) => app.metrics.registry.render(),
    present: (text) => text,
    audit: { none: "counters of the server, no one's data" },
    response: { status: 200, description: 'The metrics, as text.', contentType: PROMETHEUS_CONTENT_TYPE },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'ops',
    summary: 'This API as an OpenAPI 3.1 document',
    authenticate: anonymous,
    errors: [],
    authorize: async () => permit(policy.openToAll(), undefined),
    handle: async ({ app }) => app.openapi(),
    present: (doc) => ({ ...doc }),
    audit: { none: "the API reference: no one's data" },
    response: { status: 200, description: 'The OpenAPI document.', schema: OpenApiDocumentSchema },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/docs',
    operationId: 'getApiReference',
    tag: 'ops',
    summary: 'This API as a readable HTML reference',
    authenticate: anonymous,
    errors: [],
    authorize: async () => permit(policy.openToAll(), undefined),
    handle: async ({ app, request }) => renderDocsPage(app.openapi(), `${request.protocol}://${request.host}`),
    present: (html) => html,
    audit: { none: "the API reference: no one's data" },
    response: { status: 200, description: 'The reference page.', contentType: 'text/html; charset=utf-8' },
  }),
];
