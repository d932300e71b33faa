import { DomainError, type DomainErrorCode } from '../../core/domain-error.js';

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
