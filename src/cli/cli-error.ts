/**
 * A failure that exists only at the CLI's edge: the server cannot be reached,
 * no longer accepts the token, refuses the request, or is not logged in to.
 * The domain never throws it; the one top-level catch prints its sentence and
 * exits with its status, as it does for a DomainError.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    /** One of EXIT's statuses. */
    readonly exitCode: number,
  ) {
    super(message);
  }
}
