/**
 * Puts the server's field errors next to the inputs they concern. The server
 * names a field by a dotted path into the request (`body.competencies.1`,
 * `body.date`, `query.since`); a form names its inputs by the body's top-level
 * keys. Errors no input claims are kept for the summary at the top of the form.
 */

/** One problem as the API reports it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** Errors sorted by input, in the order the server gave them, plus the unclaimed ones. */
export interface FieldErrors {
  byField: Readonly<Record<string, readonly string[]>>;
  general: readonly string[];
}

/** How to map paths onto one form's inputs. */
export interface FieldErrorOptions {
  /** Other names the server may use for an input: `{ competencyIds: 'competencies' }`. */
  aliases?: Readonly<Record<string, string>>;
  /**
   * How to name an item of a list input, such as "Line 2" for the second
   * link; when absent the item's position is not mentioned.
   */
  describeItem?: Readonly<Record<string, (index: number) => string>>;
  /**
   * Rewrites the messages of one input, such as `{ date: datesAsInput }` so a
   * date error shows dates the way the date input next to it does.
   */
  rewrite?: Readonly<Record<string, (message: string) => string>>;
}

/** No errors at all: the state of a form before its first submission. */
export const NO_FIELD_ERRORS: FieldErrors = Object.freeze({ byField: Object.freeze({}), general: Object.freeze([]) });

/** Strips the request part (`body.`, `query.`, `params.`) from a path and splits the rest. */
export function splitFieldPath(path: string): string[] {
  const segments = path.split('.').filter((segment) => segment !== '');
  if (segments[0] === 'body' || segments[0] === 'query' || segments[0] === 'params') segments.shift();
  return segments;
}

/** Sorts the server's field problems onto a form's inputs. */
export function mapFieldErrors(
  problems: readonly FieldProblem[],
  inputs: readonly string[],
  options: FieldErrorOptions = {},
): FieldErrors {
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const problem of problems) {
    const [head, next] = splitFieldPath(problem.path);
    const name = head === undefined ? undefined : (options.aliases?.[head] ?? head);
    if (name === undefined || !inputs.includes(name)) {
      general.push(head === undefined ? problem.message : `${problem.path}: ${problem.message}`);
      continue;
    }
    const index = next !== undefined && /^\d+$/.test(next) ? Number(next) : null;
    const describe = options.describeItem?.[name];
    const text = options.rewrite?.[name]?.(problem.message) ?? problem.message;
    const message = index !== null && describe !== undefined ? `${describe(index)}: ${text}` : text;
    const list = byField[name] ?? [];
    if (!list.includes(message)) list.push(message);
    byField[name] = list;
  }
  return { byField, general };
}

/** The first error of an input as one sentence, or undefined, for the message under it. */
export function errorFor(errors: FieldErrors, name: string): string | undefined {
  const messages = errors.byField[name];
  return messages === undefined || messages.length === 0 ? undefined : messages.join(' ');
}

/** Whether there is anything to show. */
export function hasFieldErrors(errors: FieldErrors): boolean {
  return errors.general.length > 0 || Object.values(errors.byField).some((messages) => messages.length > 0);
}

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * A YYYY-MM-DD date the way a date input shows it in this browser: the
 * locale's numeric day, month and year in the locale's order (03/11/2026 in
 * American English, 11/03/2026 in British English, 11.03.2026 in German).
 * The date is a calendar day, so it is formatted in UTC and never shifts.
 */
export function formatDateAsInput(iso: string, locale?: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(
    date,
  );
}

/**
 * The server writes dates in its messages as YYYY-MM-DD; a person who typed
 * 03/11/2026 into the date input should read their date as they typed it.
 */
export function datesAsInput(message: string, locale?: string): string {
  return message.replace(ISO_DATE, (iso) => formatDateAsInput(iso, locale));
}
