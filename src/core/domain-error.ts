/**
 * The closed set of failures the domain can report. Every layer above the core
 * maps these codes to its own vocabulary (an exit code, an HTTP status) in one
 * table, so a new code is a compile error until each edge decides what it means.
 */
export type DomainErrorCode =
  | 'ladder_invalid'
  | 'ladder_not_found'
  | 'level_not_found'
  | 'competency_not_found'
  | 'track_not_found'
  | 'rating_invalid'
  | 'person_not_found'
  | 'evidence_not_found'
  | 'assessment_not_found'
  | 'token_not_found'
  | 'team_not_found'
  | 'input_invalid'
  | 'database_missing'
  | 'database_busy'
  | 'database_read_only'
  | 'conflict'
  | 'unauthenticated'
  | 'rate_limited'
  | 'reset_link_invalid'
  // The audit log could not be written, so the change it records was not made either.
  | 'audit_unavailable'
  // A single sign-on did not succeed; the message says what the person can do, never a token.
  | 'sign_in_failed';

/** One thing wrong with an input, located so a person can go and fix it. */
export interface Problem {
  /** Where the problem is: a file name or a request field path. */
  source?: string;
  /** 1-based line in the file, when the input was a file. */
  line?: number;
  /** 1-based column in the file, when the input was a file. */
  col?: number;
  /** Path inside the document (keys and array indexes) of the offending value. */
  path: (string | number)[];
  /** What is wrong and, where it helps, how to fix it. */
  message: string;
}

/**
 * The only error the core and the services throw on purpose. Anything else that
 * escapes is a bug and is reported as one.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    /** For `rate_limited`: whole seconds until the request may succeed; edges send it on (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Formats a problem as `file:line:col: message`, the form editors and terminals link. */
export function formatProblem(problem: Problem): string {
  const where = [problem.source, problem.line, problem.col].filter((part) => part !== undefined);
  const at = where.length > 0 ? `${where.join(':')}: ` : '';
  const path = problem.line === undefined && problem.path.length > 0 ? `${problem.path.join('.')}: ` : '';
  return `${at}${path}${problem.message}`;
}

/** The codes that mean "the thing named does not exist"; each has the one message form of `notFound`. */
export type NotFoundCode = Extract<DomainErrorCode, `${string}_not_found`>;

const NOT_FOUND_KIND: Record<NotFoundCode, string> = {
  ladder_not_found: 'ladder',
  level_not_found: 'level',
  competency_not_found: 'competency',
  track_not_found: 'track',
  person_not_found: 'person',
  evidence_not_found: 'evidence',
  assessment_not_found: 'assessment',
  token_not_found: 'API token',
  team_not_found: 'team',
};

const PLURAL: Readonly<Record<string, string>> = { competency: 'competencies', person: 'people', evidence: 'evidence' };

/** What a "not found" error can add to the name: where it was looked for, what exists there, what to do next. */
export interface NotFoundDetails {
  /** The kind of thing when the code's own word is too broad: "ladder file", "local person". */
  kind?: string;
  /** Where it was looked for: `track "ic"`, `this database`. */
  in?: string;
  /** The ids that do exist there, listed so the person can pick one. */
  known?: readonly string[];
  /** One more sentence: why, or what to do next. */
  hint?: string;
}

/**
 * Builds every "not found" error in one form, so a person (and a script
 * reading stderr) sees the same shape whatever was missing:
 * `level "wizard" not found in track "ic" (levels: junior, senior)`, or with a
 * hint, `local person not found in this database; run "longhaul init" first`.
 */
export function notFound(code: NotFoundCode, id: string | null, details: NotFoundDetails = {}): DomainError {
  const kind = details.kind ?? NOT_FOUND_KIND[code];
  const last = kind.split(' ').at(-1) ?? kind;
  const plural = kind.slice(0, kind.length - last.length) + (PLURAL[last] ?? `${last}s`);
  const parts = [id === null ? `${kind} not found` : `${kind} "${id}" not found`];
  if (details.in !== undefined) parts.push(` in ${details.in}`);
  if (details.known !== undefined) parts.push(` (${plural}: ${details.known.join(', ') || 'none'})`);
  if (details.hint !== undefined) parts.push(`; ${details.hint}`);
  return new DomainError(code, parts.join(''));
}
