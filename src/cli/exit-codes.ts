import type { DomainErrorCode } from '../core/domain-error.js';

/** Exit statuses the CLI promises to scripts: 0 success, 1 failure, 2 bad input or usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * The one table from domain error codes to exit statuses. A new code fails to
 * compile here until someone decides whether it is the user's input or a failure.
 */
export const exitCodeFor: Record<DomainErrorCode, number> = {
  ladder_invalid: EXIT.usage,
  ladder_not_found: EXIT.usage,
  level_not_found: EXIT.usage,
  competency_not_found: EXIT.usage,
  track_not_found: EXIT.usage,
  rating_invalid: EXIT.usage,
  input_invalid: EXIT.usage,
  person_not_found: EXIT.failure,
  evidence_not_found: EXIT.failure,
  assessment_not_found: EXIT.failure,
  token_not_found: EXIT.failure,
  team_not_found: EXIT.failure,
  database_missing: EXIT.failure,
  database_busy: EXIT.failure,
  database_read_only: EXIT.failure,
  conflict: EXIT.failure,
  unauthenticated: EXIT.failure,
  rate_limited: EXIT.failure,
  reset_link_invalid: EXIT.failure,
  audit_unavailable: EXIT.failure,
  sign_in_failed: EXIT.failure,
};
