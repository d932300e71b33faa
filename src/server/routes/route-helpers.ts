import { DomainError, formatProblem, type DomainErrorCode } from '../../core/domain-error.js';

/**
 * Re-labels a "not found" that a query or body value caused as invalid input
 * naming that field. A 404 means the URL names something that does not
 * exist; an unknown level in `?target=` is a wrong input, and a form needs to
 * know which field to mark.
 */
export async function blameInput<T>(
  work: () => Promise<T>,
  fields: Partial<Record<DomainErrorCode, string>>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const field = error instanceof DomainError ? fields[error.code] : undefined;
    if (error instanceof DomainError && field !== undefined) {
      throw new DomainError('input_invalid', error.message, [{ path: [field], message: error.message }]);
    }
    throw error;
  }
}

/**
 * A file sent in a body field (a people file, a ladder): every problem the
 * service found in it, located in the file (`people.csv:3:4: …`), becomes a
 * problem of that one field, so a form marks the file input and lists the lines.
 */
export async function blameFileField<T>(work: () => Promise<T>, code: DomainErrorCode, field: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== code) throw error;
    const problems = error.problems.map((p) => ({ path: [field], message: formatProblem(p) }));
    throw new DomainError(error.code, error.message, problems);
  }
}
