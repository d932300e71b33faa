import type { DomainErrorCode } from '../core/domain-error.js';

/**
 * The one table from domain error codes to HTTP statuses (tRPC's
 * getHTTPStatusCode is the model). A new DomainErrorCode fails to compile here
 * until someone decides what it means on the wire.
 */
export const httpStatusForDomainError: Readonly<Record<DomainErrorCode, number>> = Object.freeze({
  input_invalid: 422,
  rating_invalid: 422,
  ladder_invalid: 422,
  ladder_not_found: 404,
  level_not_found: 404,
  competency_not_found: 404,
  track_not_found: 404,
  person_not_found: 404,
  evidence_not_found: 404,
  assessment_not_found: 404,
  token_not_found: 404,
  team_not_found: 404,
  conflict: 409,
  // A single sign-on that did not check out (expired, tampered, unknown email): the person is not signed in.
  sign_in_failed: 401,
  database_missing: 503,
  // Another program holds SQLite's write lock; the response says when to try again (Retry-After).
  database_busy: 503,
  database_read_only: 503,
  // No credentials, or ones that are unknown, expired or revoked: sign in (again).
  unauthenticated: 401,
  // Too many failed sign-ins for the account or from the address; Retry-After says when to try again.
  rate_limited: 429,
  // A password-reset link that is unknown, used or expired: ask an admin for a new one.
  reset_link_invalid: 410,
  // The audit log could not be written; the change it would record was rolled back with it.
  audit_unavailable: 503,
});

/**
 * Seconds a client should wait before trying again, sent as Retry-After with
 * the codes that mean "not now" rather than "not this": a write refused while
 * another program holds the database's lock succeeds once that lock is gone.
 */
export const retryAfterForDomainError: Readonly<Partial<Record<DomainErrorCode, number>>> = Object.freeze({
  database_busy: 2,
});

/**
 * Failures that only exist at the HTTP edge: the request itself is broken,
 * refused by the policy, or the server is. The domain never throws these.
 */
export type HttpErrorCode =
  | 'malformed_json'
  | 'bad_request'
  | 'forbidden'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'not_ready'
  | 'internal';

/** The status of each edge failure; together with the table above, every code the API can answer. */
export const httpStatusForHttpError: Readonly<Record<HttpErrorCode, number>> = Object.freeze({
  malformed_json: 400,
  bad_request: 400,
  forbidden: 403,
  route_not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  not_ready: 503,
});

/** What each status means in the API reference, so the OpenAPI document and the docs page say the same. */
export const STATUS_DESCRIPTIONS: Readonly<Record<number, string>> = Object.freeze({
  400: 'Malformed request: the body is not valid JSON (code malformed_json) or the URL cannot be decoded.',
  401: 'No valid credentials (code unauthenticated): sign in (POST /api/session) or send `Authorization: Bearer lh_…`.',
  403: 'The access policy refuses this actor (code forbidden); the message says why.',
  404: 'A record named in the path does not exist (code person_not_found, evidence_not_found, …).',
  405: 'The path exists but not with this method; the Allow header lists the methods it has.',
  409: 'The request conflicts with what is stored.',
  410: 'The password-reset link is unknown, used or expired (code reset_link_invalid); an admin can make a new one.',
  413: 'The body is larger than the server accepts (1 MiB).',
  415: 'The body is not application/json.',
  422: 'The input is well-formed but wrong (code input_invalid or rating_invalid): `fields` names every field at fault.',
  429: 'Too many failed sign-ins for this account or from this address (code rate_limited); Retry-After says when to try again.',
  500: 'An unexpected failure; the response says nothing more, the server log has the details.',
  503: 'The database is not usable (not initialised, not answering, or read-only), or it is busy (code database_busy): another program holds its write lock, and the Retry-After header says when to try again; or the audit log could not be written (code audit_unavailable), and nothing was changed.',
});
