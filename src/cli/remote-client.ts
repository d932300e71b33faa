import { DomainError, type DomainErrorCode, type Problem } from '../core/domain-error.js';
import type { ErrorResponse } from '../server/api-contract.js';
import { httpStatusForDomainError } from '../server/error-status.js';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/** How long one request may take before the CLI gives up on the server. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The largest response the CLI reads: a page of 200 pieces of evidence is far smaller. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** What the CLI says whenever the server no longer accepts the stored token. */
export const LOGIN_AGAIN = 'run longhaul login again';

/** Where to send requests and with which token. */
export interface RemoteTarget {
  server: string;
  token: string;
}

/** How one call behaves beyond the request itself. */
export interface CallOptions {
  /** What to say on a 401; by default that the stored token no longer works. */
  unauthenticated?: string;
  /** How long the request may take, body included; REQUEST_TIMEOUT_MS unless a test says less. */
  timeoutMs?: number;
}

/** A request to the API: the method, the path under the server, a query and a JSON body. */
export interface RemoteRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Readonly<Record<string, string | undefined>>;
  body?: unknown;
}

/**
 * Checks the server address `longhaul login` is given and returns it without
 * a trailing slash. A token sent over plain http can be read on the way, so
 * http is refused unless the server is on this machine (loopback) or the user
 * says --insecure.
 */
export function checkServerUrl(value: string, insecure: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError(
      'input_invalid',
      `--server: "${value}" is not a URL; give one like https://longhaul.example.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DomainError('input_invalid', `--server: "${value}" is not an http or https URL`);
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')
    throw new DomainError(
      'input_invalid',
      `--server: give the server's address only, without a user, query or fragment`,
    );
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !insecure)
    throw new DomainError(
      'input_invalid',
      `--server: ${url.origin} is plain http, so the token could be read on the way; use https, or --insecure if you accept that`,
    );
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The domain codes, to tell a server's DomainError apart from an edge code such as `forbidden`. */
const DOMAIN_CODES = new Set<string>(Object.keys(httpStatusForDomainError));

/**
 * Sends one request to the server and returns its JSON body (undefined for
 * 204). Every failure becomes what the local path would have thrown: the
 * server's DomainError with its code, message and field problems (paths
 * without their `body.`/`query.` prefix, as the services name them), or a
 * CliError for what only a remote run can meet (no answer, a token no longer
 * accepted, a refusal by the policy).
 */
export async function callServer<T>(
  target: RemoteTarget,
  request: RemoteRequest,
  options: CallOptions = {},
): Promise<T> {
  const unauthenticated =
    options.unauthenticated ??
    `the server at ${target.server} no longer accepts your token (expired or revoked): ${LOGIN_AGAIN}`;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const url = new URL(`${target.server}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}`, accept: 'application/json' };
  // The server's guard wants every change to say JSON, a bodyless one included.
  if (request.method !== 'GET') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? (request.method === 'GET' ? undefined : '{}') : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    throw new CliError(`cannot reach the server at ${target.server}: ${reasonOf(error, timeoutMs)}`, EXIT.failure);
  }
  const text = await readBounded(response, target.server, timeoutMs);
  if (response.status === 204) return undefined as T;
  const json = parseJson(text);
  if (response.ok) {
    if (json === undefined)
      throw new CliError(`the server at ${target.server} answered something that is not JSON`, EXIT.failure);
    return json as T;
  }
  throw errorFrom(response.status, json, target.server, unauthenticated);
}

/** The failure a non-2xx answer stands for. */
function errorFrom(status: number, json: unknown, server: string, unauthenticated: string): Error {
  const error = (json as Partial<ErrorResponse> | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : undefined;
  const message = typeof error?.message === 'string' ? error.message : `the server answered ${status}`;
  if (status === 401) return new CliError(unauthenticated, EXIT.failure);
  if (code !== undefined && DOMAIN_CODES.has(code)) {
    const problems: Problem[] = (error?.fields ?? []).map(toProblem);
    return new DomainError(code as DomainErrorCode, message, problems);
  }
  if (status === 403) return new CliError(`the server refused: ${message}`, EXIT.failure);
  if (status >= 500) return new CliError(`the server at ${server} failed: ${message}`, EXIT.failure);
  return new CliError(message, status === 400 || status === 413 || status === 415 ? EXIT.usage : EXIT.failure);
}

/** A response field as a service's problem: `body.competencies.1` -> ['competencies', 1]; a `file:line:col` stays a source. */
function toProblem(field: { path: string; message: string }): Problem {
  const located = /^(.*):(\d+):(\d+)$/.exec(field.path);
  if (located !== null)
    return { source: located[1], line: Number(located[2]), col: Number(located[3]), path: [], message: field.message };
  const [first, ...rest] = field.path.split('.');
  const path = first === 'body' || first === 'query' || first === 'params' ? rest : [first ?? '', ...rest];
  return { path: path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: field.message };
}

/** The body as text, refusing more than MAX_RESPONSE_BYTES. */
async function readBounded(response: Response, server: string, timeoutMs: number): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_RESPONSE_BYTES) {
        await reader.cancel();
        throw new CliError(
          `the server at ${server} sent more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; stopped reading`,
          EXIT.failure,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`the server at ${server} stopped answering: ${reasonOf(error, timeoutMs)}`, EXIT.failure);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Why a request failed, in a few words: the timeout, or the system's reason (ECONNREFUSED…). */
function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code !== undefined) return cause.code;
  if (cause?.message !== undefined) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
