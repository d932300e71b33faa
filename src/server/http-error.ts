import { httpStatusForDomainError, httpStatusForHttpError, type HttpErrorCode } from './error-status.js';

/** One field at fault, named by where it came from: `body.competencies.1`, `query.since`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * A failure of the HTTP exchange itself (malformed JSON, a refused policy, an
 * unknown route, input that fails its schema). Domain failures stay
 * DomainErrors; both become the same ErrorResponse body at the edge. Schema
 * failures share the domain's `input_invalid` code and status, so a client
 * handles a wrong type and a future date the same way.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  constructor(
    readonly code: HttpErrorCode | 'input_invalid',
    message: string,
    readonly fields: readonly FieldProblem[] = [],
    /** Extra response headers, such as Allow on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = code === 'input_invalid' ? httpStatusForDomainError[code] : httpStatusForHttpError[code];
  }
}
