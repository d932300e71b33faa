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
  | 'input_invalid'
  | 'database_missing'
  | 'conflict';

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
