import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorResponse } from './api-contract.js';
import { DOCS_STYLE_HASH } from './docs-page.js';
import { HttpError } from './http-error.js';

/** Names the server answers to on any port it listens on: this machine's loopback names. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** Methods that change data; each must show it came from the app itself. */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The page policy for the web app: its own scripts, styles and API only, the
 * favicon as a data: image, and no framing. No inline script is allowed.
 */
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The API reference: no script at all, only its one inline style sheet, allowed by hash. */
const DOCS_CSP = [
  "default-src 'none'",
  `style-src '${DOCS_STYLE_HASH}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the request guard needs to know about where the server is reached. */
export interface SecurityOptions {
  /** The URL people use to reach the server beyond loopback (`--public-url`); its host is accepted too. */
  publicUrl?: string;
}

/**
 * Guards the server, before any route signs anyone in, against the browser's attack surface:
 * a Host it is not configured for (DNS rebinding) is refused, a mutating request
 * must carry a JSON content type and, when the browser names its Origin, an
 * allowed one (CSRF), and every response carries the page headers (CSP, no
 * framing, nosniff, referrer policy).
 */
export function registerSecurity(server: FastifyInstance, options: SecurityOptions = {}): void {
  const publicUrl = options.publicUrl === undefined ? undefined : parsePublicUrl(options.publicUrl);

  const hostAllowed = (request: FastifyRequest): boolean => {
    const host = request.headers.host?.toLowerCase();
    if (host === undefined) return false;
    if (publicUrl !== undefined && host === publicUrl.host) return true;
    // An injected request (tests, in-process) has no real socket: it stands for port 80.
    const port = request.socket.localPort ?? 80;
    return LOOPBACK_HOSTS.some((name) => host === `${name}:${port}` || (port === 80 && host === name));
  };

  const originAllowed = (request: FastifyRequest, origin: string): boolean => {
    if (publicUrl !== undefined && origin === publicUrl.origin) return true;
    // The app is served from the Host the request was already checked against.
    return origin.toLowerCase() === `http://${request.headers.host?.toLowerCase() ?? ''}`;
  };

  server.addHook('onRequest', async (request) => {
    if (!hostAllowed(request)) {
      throw new HttpError(
        'forbidden',
        `this server does not answer to the host ${JSON.stringify(request.headers.host ?? '')}; reach it at a loopback address or its --public-url`,
      );
    }
    // An unknown route or method changes nothing; it gets its 404 or 405 as before.
    if (!MUTATING.has(request.method) || request.is404) return;
    const origin = request.headers.origin;
    if (origin !== undefined && !originAllowed(request, origin)) {
      throw new HttpError('forbidden', `a change from ${JSON.stringify(origin)} is refused; use the app itself`);
    }
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpError(
        'unsupported_media_type',
        'a request that changes data must say content-type: application/json, even without a body',
      );
    }
    const length = request.headers['content-length'];
    const bodyless = length === '0' || (length === undefined && request.headers['transfer-encoding'] === undefined);
    // The header has done its job as proof of origin; without a body there is nothing to parse.
    if (bodyless) delete request.headers['content-type'];
  });

  server.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', request.routeOptions.url === '/api/docs' ? DOCS_CSP : APP_CSP);
    return payload;
  });
}

function parsePublicUrl(value: string): URL {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`the public URL ${value} must start with http:// or https://`);
  }
  return url;
}

/** Status and sentence for each malformed-HTTP failure Node's parser reports, by its code. */
const CLIENT_ERRORS: Readonly<Record<string, { status: number; message: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: 'the request headers are larger than the server accepts (16 KiB)' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'the request took too long to arrive' },
  HPE_INVALID_CHUNK_SIZE: { status: 400, message: 'the request body is not valid chunked encoding' },
  HPE_INVALID_URL: { status: 400, message: 'the request line is malformed: a space in the path must be sent as %20' },
};

/**
 * Answers a request Node's HTTP parser could not read (bad chunking, huge
 * headers, a space in the path) in the API's one error shape, then closes the
 * connection, instead of Fastify's default body.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const known = error.code === undefined ? undefined : CLIENT_ERRORS[error.code];
  const status = known?.status ?? 400;
  const body: ErrorResponse = {
    error: {
      code: 'bad_request',
      message: known?.message ?? 'the request is not well-formed HTTP',
      fields: [],
    },
  };
  const text = JSON.stringify(body);
  const reason =
    status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nx-content-type-options: nosniff\r\nconnection: close\r\n\r\n${text}`,
  );
}
