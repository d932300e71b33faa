import { DomainError, type Problem } from '../core/domain-error.js';

/**
 * How many problems an error reports before it counts the rest: enough to
 * fix a form, few enough that an error is never much larger than its request.
 */
export const MAX_REPORTED_PROBLEMS = 20;

/** The longest piece of a person's input an error message quotes back. */
const MAX_QUOTED_LENGTH = 60;

/** The sentence that stands for the problems left out of a report. */
export function moreProblemsMessage(count: number): string {
  return `and ${count.toLocaleString('en')} more ${count === 1 ? 'problem' : 'problems'}`;
}

/**
 * Quotes a value a person sent, shortened when long, so an error that names
 * it stays small whatever was sent.
 */
export function quoteInput(value: string): string {
  const shown = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
  return JSON.stringify(shown);
}

/** A key a person chose, as part of a field path: shortened like a quoted value, so a path stays small. */
export function shortKey(key: string): string {
  return key.length > MAX_QUOTED_LENGTH ? `${key.slice(0, MAX_QUOTED_LENGTH)}…` : key;
}

/**
 * The first problems of a list and, when there are more, one last problem
 * that counts them: what every error with a list of problems reports.
 */
export function capProblems(problems: readonly Problem[]): Problem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return [...problems];
  const kept = problems.slice(0, MAX_REPORTED_PROBLEMS);
  kept.push({ path: [], message: moreProblemsMessage(problems.length - MAX_REPORTED_PROBLEMS) });
  return kept;
}

/**
 * An `input_invalid`-style error from a list of problems: at most
 * MAX_REPORTED_PROBLEMS of them, each once in the fields, the message saying
 * how many there are and the first.
 */
export function problemsError(code: 'input_invalid' | 'rating_invalid', problems: readonly Problem[]): DomainError {
  const capped = capProblems(problems);
  return new DomainError(
    code,
    capped.map((p) => (p.path.length > 0 ? `${p.path.join('.')}: ${p.message}` : p.message)).join('\n'),
    capped,
  );
}
