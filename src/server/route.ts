import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from './app-context.js';
import { anonymous, type Authenticator } from './authenticate.js';
import type { InputLocator, InputSource } from './error-response.js';
import { HttpError, type FieldProblem } from './http-error.js';
import { PolicyRefusal, type Permit } from './policy.js';
import { recordAuditEvent, type AuditEntry } from '../services/audit.service.js';
import { getPerson } from '../services/person.service.js';
import { capFields, checkInput } from './validation.js';

/** The methods the API uses. HEAD comes free with every GET. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Content types a route may answer with. */
export type ResponseContentType =
  | 'application/json'
  | 'text/html; charset=utf-8'
  | 'text/plain; version=0.0.4; charset=utf-8'
  | 'text/markdown; charset=utf-8'
  | 'application/x-ndjson';

/** What a route answers on success, for the pipeline and for the OpenAPI document. */
export interface ResponseSpec<R> {
  /** 303 sends the browser on: the presenter returns the location (a path within Longhaul or the provider's URL). */
  status: 200 | 201 | 204 | 303;
  description: string;
  /** The contract schema of the body; absent for 204 and for text bodies described in words. */
  schema?: z.ZodType<R>;
  contentType?: ResponseContentType;
}

/** What a route's steps see once the request is authenticated and validated. */
export interface RouteInput<A, P, Q, B> {
  actor: A;
  params: P;
  query: Q;
  body: B;
  app: AppContext;
  request: FastifyRequest;
  /** For the routes that set or clear the session cookie. */
  reply: FastifyReply;
}

/** What an audit event says the request acted on, besides the person: `{ kind: 'evidence', id }`. */
export interface AuditTarget {
  kind: string;
  id: string;
}

/**
 * What the audit log keeps of a route. Required on every route, so a new one
 * cannot be forgotten: either who the request is about (and what it acted
 * on), or in words why it concerns nobody's data.
 *
 * A change (any method but GET) is recorded in the same transaction as the
 * change itself: if the event cannot be written, nothing is. A read is
 * recorded when it is about someone other than the actor (`reads: 'others'`,
 * the default) or every time (`'always'`). A refusal by the policy is
 * recorded on every route, with the id of the person it protected.
 */
export type RouteAudit<A, P, Q, B, L, D> =
  | {
      /** Why the route concerns nobody's data (a probe, the ladder everyone reads); its refusals are still recorded. */
      none: string;
    }
  | {
      /** The id of the person whose data this is; null when it is nobody's in particular. */
      subject(input: RouteInput<A, P, Q, B> & { loaded: L }, result: D): string | null;
      /** The record acted on, when there is one besides the person. */
      target?(input: RouteInput<A, P, Q, B> & { loaded: L }, result: D): AuditTarget | undefined;
      /** For a GET: record reads of someone else's data only (the default), or every read. */
      reads?: 'others' | 'always';
      /**
       * For a change whose service must commit its own writes even when the request fails (a failed sign-in
       * counts towards the limit): why. The event is then appended just after the change, not with it.
       */
      ownTransaction?: string;
    };

/**
 * A route as one fixed pipeline: authenticate -> validate -> authorize ->
 * handle (call a service) -> present. Each step is a field, so every route
 * reads the same way and none can skip the policy: `authorize` must return a
 * Permit, which only the policy module makes.
 */
export interface RouteDefinition<A, P, Q, B, L, D, R> {
  method: HttpMethod;
  /** Fastify path syntax: /api/people/:personId. */
  path: string;
  /** Stable name of the operation in the OpenAPI document. */
  operationId: string;
  /** The resource group, for the reference page. */
  tag: string;
  summary: string;
  description?: string;
  authenticate: Authenticator<A>;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** An example body for the reference page and its curl command. */
  example?: unknown;
  /** Error statuses this route can answer besides 422 (validation) and 500, for the reference. */
  errors: readonly number[];
  /** Loads what the policy needs and asks it; returns the Permit with what was loaded. */
  authorize(input: RouteInput<A, P, Q, B>): Promise<Permit<L>>;
  /** Calls a service with the validated input and what authorize loaded. */
  handle(input: RouteInput<A, P, Q, B> & { loaded: L }): Promise<D>;
  /** Turns the service's result into the contract's response shape. */
  present(result: D, input: RouteInput<A, P, Q, B>): R;
  response: ResponseSpec<R>;
  /** What the audit log records of every request to this route. */
  audit: RouteAudit<A, P, Q, B, L, D>;
}

/** The parts of a route the OpenAPI document and the method check need, without its types. */
export interface RouteMeta {
  method: HttpMethod;
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  example?: unknown;
  errors: readonly number[];
  /** Whether the route needs a signed-in actor (anything but the anonymous authenticator). */
  authenticated: boolean;
  /** What the audit log keeps of it: `none` with the reason, or that its events name a subject. */
  audit: { none: string } | { subject: true; reads: 'others' | 'always' };
  /** Which input a domain problem's field path refers to, to prefix it: `params.hash`, `query.from`, `body.title`. */
  inputSource: InputLocator;
  response: { status: number; description: string; schema?: z.ZodType; contentType: ResponseContentType };
}

/** A route ready to register: its description, and the pipeline as one handler. */
export interface Route {
  meta: RouteMeta;
  run(request: FastifyRequest, reply: FastifyReply, app: AppContext): Promise<void>;
}

/**
 * Builds a route from its steps. The types flow from the schemas through
 * each step to the presenter, which must produce the contract's type.
 */
export function defineRoute<A, P = undefined, Q = undefined, B = undefined, L = undefined, D = undefined, R = unknown>(
  definition: RouteDefinition<A, P, Q, B, L, D, R>,
): Route {
  const contentType = definition.response.contentType ?? 'application/json';
  const authenticated = (definition.authenticate as unknown) !== anonymous;
  // A signed-in route can answer 401 (no or a stale credential), and a change 403 (no CSRF token).
  const audit = definition.audit;
  const audited = !('none' in audit);
  // An audited route answers 503 audit_unavailable when its event cannot be written.
  const own = audited ? [...definition.errors, 503] : definition.errors;
  const errors = authenticated
    ? [...new Set([401, ...(definition.method === 'GET' ? [] : [403]), ...own])].sort((a, b) => a - b)
    : [...new Set(own)].sort((a, b) => a - b);
  const meta: RouteMeta = {
    method: definition.method,
    path: definition.path,
    operationId: definition.operationId,
    tag: definition.tag,
    summary: definition.summary,
    description: definition.description,
    params: definition.params,
    query: definition.query,
    body: definition.body,
    example: definition.example,
    errors,
    authenticated,
    audit: 'none' in audit ? { none: audit.none } : { subject: true, reads: audit.reads ?? 'others' },
    inputSource: locateInput(definition),
    response: {
      status: definition.response.status,
      description: definition.response.description,
      schema: definition.response.schema,
      contentType,
    },
  };
  return {
    meta,
    async run(request, reply, app) {
      const actor = await definition.authenticate(app, request);
      if (definition.body !== undefined) refuseOtherCharsets(request);
      const fields: FieldProblem[] = [];
      const params = validate(definition.params, request.params, 'params', fields);
      const query = validate(definition.query, request.query, 'query', fields);
      const body = validate(definition.body, request.body, 'body', fields);
      if (fields.length > 0) {
        // A path that names nobody is a 404 whatever the body holds: look the person up before blaming fields.
        if (params !== undefined && typeof (params as { personId?: unknown }).personId === 'string') {
          await getPerson(app.db, (params as { personId: string }).personId);
        }
        const capped = capFields(fields, fields[0]?.path.split('.')[0] ?? 'body');
        throw new HttpError('input_invalid', describeFields(fields.length, capped), capped);
      }
      const input: RouteInput<A, P, Q, B> = {
        actor,
        params: params as P,
        query: query as Q,
        body: body as B,
        app,
        request,
        reply,
      };
      const entry = (subjectId: string | null, outcome: 'allowed' | 'refused'): AuditEntry => ({
        actorId: actorIdOf(actor),
        action: definition.operationId,
        subjectId,
        outcome,
        via: viaOf(actor, request),
        address: request.ip,
        requestId: request.id,
      });
      let permit: Permit<L>;
      try {
        permit = await definition.authorize(input);
      } catch (error) {
        if (error instanceof PolicyRefusal)
          await recordAuditEvent(app.db, app.now(), entry(error.subjectId ?? null, 'refused'));
        throw error;
      }
      const result = await runAudited(definition, audit, input, permit.value, entry);
      const presented = definition.present(result, input);
      reply.code(definition.response.status);
      if (definition.response.status === 204) {
        await reply.send();
        return;
      }
      if (definition.response.status === 303) {
        await reply.redirect(String(presented), 303);
        return;
      }
      reply.type(contentType);
      await reply.send(contentType === 'application/json' ? JSON.stringify(presented) : presented);
    },
  };
}

/**
 * Calls the route's service and appends its audit event: a change inside one
 * transaction with the event (the service sees the transaction as `app.db`),
 * a read after it, and only when the audit field says the read is recorded.
 */
async function runAudited<A, P, Q, B, L, D, R>(
  definition: RouteDefinition<A, P, Q, B, L, D, R>,
  audit: RouteAudit<A, P, Q, B, L, D>,
  input: RouteInput<A, P, Q, B>,
  loaded: L,
  entry: (subjectId: string | null, outcome: 'allowed') => AuditEntry,
): Promise<D> {
  if ('none' in audit) return definition.handle({ ...input, loaded });
  const event = (scoped: RouteInput<A, P, Q, B> & { loaded: L }, result: D): AuditEntry => ({
    ...entry(audit.subject(scoped, result), 'allowed'),
    target: audit.target?.(scoped, result),
  });
  const { app } = input;
  if (definition.method === 'GET') {
    const result = await definition.handle({ ...input, loaded });
    const recorded = event({ ...input, loaded }, result);
    const others = recorded.subjectId !== null && recorded.subjectId !== recorded.actorId;
    if ((audit.reads ?? 'others') === 'always' || others) await recordAuditEvent(app.db, app.now(), recorded);
    return result;
  }
  if (audit.ownTransaction !== undefined) {
    const result = await definition.handle({ ...input, loaded });
    await recordAuditEvent(app.db, app.now(), event({ ...input, loaded }, result));
    return result;
  }
  return app.db.transaction().execute(async (trx) => {
    const scoped = { ...input, app: { ...app, db: trx }, loaded };
    const result = await definition.handle(scoped);
    await recordAuditEvent(trx, app.now(), event(scoped, result));
    return result;
  });
}

/** The id of the signed-in person, or null for the anonymous routes. */
function actorIdOf(actor: unknown): string | null {
  if (typeof actor !== 'object' || actor === null || !('person' in actor)) return null;
  const person = (actor as { person: { id: string } }).person;
  return person.id;
}

/** The edge in the audit log's words: a session is the web app, a token a script; before sign-in, the web app when a browser says so. */
function viaOf(actor: unknown, request: FastifyRequest): 'web' | 'api' {
  if (typeof actor === 'object' && actor !== null && 'via' in actor) return actor.via === 'token' ? 'api' : 'web';
  return request.headers.origin !== undefined || request.headers['sec-fetch-mode'] !== undefined ? 'web' : 'api';
}

/**
 * Where a field a service names came from: the body or the query when their
 * schema has it, the path when the route's path has a parameter of that name,
 * else the body of a method that sends one and the query of one that does not.
 */
function locateInput(definition: {
  method: HttpMethod;
  path: string;
  query?: z.ZodType;
  body?: z.ZodType;
}): (path: readonly (string | number)[]) => InputSource {
  const pathParams = new Set([...definition.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]));
  const queryKeys = keysOf(definition.query);
  const bodyKeys = keysOf(definition.body);
  const fallback: InputSource = definition.method === 'GET' || definition.method === 'DELETE' ? 'query' : 'body';
  return ([first]) => {
    if (typeof first !== 'string') return fallback;
    if (bodyKeys.has(first)) return 'body';
    if (queryKeys.has(first)) return 'query';
    if (pathParams.has(first)) return 'params';
    return fallback;
  };
}

/** The top-level field names of an object schema (looking through a transform), none for any other schema. */
function keysOf(schema: z.ZodType | undefined): Set<string> {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodPipe) return keysOf(schema.in as z.ZodType);
  return new Set();
}

/**
 * A body is read as UTF-8 whatever its content-type says; one declared in
 * another charset (`application/json; charset=utf-16`) would be misread, so it
 * is refused with 415 rather than stored garbled.
 */
function refuseOtherCharsets(request: FastifyRequest): void {
  const header = request.headers['content-type'];
  if (typeof header !== 'string') return;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header)?.[1];
  if (charset === undefined || /^utf-?8$/i.test(charset)) return;
  throw new HttpError(
    'unsupported_media_type',
    `the body is declared as ${JSON.stringify(charset.slice(0, 40))}; send it as UTF-8 JSON (application/json; charset=utf-8)`,
  );
}

/** The error's sentence: how many fields are at fault, and the first of them (the rest are in `fields`). */
function describeFields(total: number, fields: readonly FieldProblem[]): string {
  const first = fields[0];
  const count = total === 1 ? 'a field' : `${total.toLocaleString('en')} fields`;
  if (first === undefined) return `the request has ${count} to fix`;
  if (total === 1) return `the request has a field to fix: ${first.path}: ${first.message}`;
  return `the request has ${count} to fix, the first: ${first.path}: ${first.message}`;
}

function validate<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  source: InputSource,
  fields: FieldProblem[],
): T | undefined {
  if (schema === undefined) return undefined;
  const checked = checkInput(schema, value, source);
  if (checked.ok) return checked.value;
  // No spread: a body can hold more invalid items than the stack has room for arguments.
  for (const field of checked.fields) fields.push(field);
  return undefined;
}
