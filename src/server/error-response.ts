import { DomainError, type Problem } from '../core/domain-error.js';
import type { ErrorResponse } from './api-contract.js';
import { httpStatusForDomainError, retryAfterForDomainError } from './error-status.js';
import { HttpError, type FieldProblem } from './http-error.js';
import { PolicyRefusal } from './policy.js';

/** Where the input a domain problem refers to came from; its field paths are prefixed with it. */
export type InputSource = 'body' | 'query' | 'params';

/**
 * Says which part of a request a domain problem's field path points into, so
 * a service that names `hash` is reported as `params.hash` on a route whose
 * path holds `:hash`, and `from` as `query.from` where the query holds it.
 * A fixed source stands for a locator that always answers it.
 */
export type InputLocator = InputSource | ((path: readonly (string | number)[]) => InputSource);

/** An error turned into what the client receives. */
export interface ErrorReply {
  status: number;
  body: ErrorResponse;
  headers: Readonly<Record<string, string>>;
  /** True when the failure is the server's: log it with its stack. */
  unexpected: boolean;
}

/** Fastify's own client errors, by code, in the words of this API. */
const FRAMEWORK_ERRORS: Readonly<Record<string, { code: HttpError['code']; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', message: 'the request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed_json',
    message: 'the request body is empty but its content-type says JSON; send a JSON document',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'the request body is larger than 1 MiB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'send the request body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: 'the request body does not match its Content-Length',
  },
  FST_ERR_BAD_URL: { code: 'bad_request', message: 'the URL cannot be decoded' },
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'bad_request',
    message: 'a path segment is longer than 100 characters; no id is that long',
  },
};

/**
 * Turns anything thrown while handling a request into a status and an
 * ErrorResponse. Domain codes go through the one status table; problems keep
 * their field paths, prefixed with the input they came from. Anything not
 * recognised is a 500 with a generic sentence: a stack never leaves the server.
 */
export function toErrorReply(error: unknown, source: InputLocator): ErrorReply {
  if (error instanceof DomainError) {
    return {
      status: httpStatusForDomainError[error.code],
      body: {
        error: { code: error.code, message: error.message, fields: error.problems.map((p) => toField(p, source)) },
      },
      headers: retryAfterHeader(error),
      unexpected: false,
    };
  }
  if (error instanceof PolicyRefusal) return toErrorReply(new HttpError('forbidden', error.message), source);
  if (error instanceof HttpError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, fields: [...error.fields] } },
      headers: error.headers,
      unexpected: error.status >= 500 && error.code === 'internal',
    };
  }
  const frameworkCode = codeOf(error);
  const known = frameworkCode === undefined ? undefined : FRAMEWORK_ERRORS[frameworkCode];
  if (known !== undefined) return toErrorReply(new HttpError(known.code, known.message), source);
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    // Another client error Fastify raised; its message is written for clients.
    const message = error instanceof Error ? error.message : 'bad request';
    return toErrorReply(new HttpError('bad_request', message), source);
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal',
        message: 'The server failed unexpectedly. The failure is logged; try again, and report it if it persists.',
        fields: [],
      },
    },
    headers: {},
    unexpected: true,
  };
}

/** A domain problem as a response field: `body.competencies.1`, `params.hash`, or `file:line:col` for a ladder file. */
export function toField(problem: Problem, source: InputLocator): FieldProblem {
  if (problem.line !== undefined) {
    return {
      path: [problem.source, problem.line, problem.col].filter((p) => p !== undefined).join(':'),
      message: problem.message,
    };
  }
  const where = typeof source === 'function' ? source(problem.path) : source;
  return { path: [where, ...problem.path].join('.'), message: problem.message };
}

function retryAfterHeader(error: DomainError): Record<string, string> {
  const seconds = error.retryAfterSeconds ?? retryAfterForDomainError[error.code];
  return seconds === undefined ? {} : { 'retry-after': String(seconds) };
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
