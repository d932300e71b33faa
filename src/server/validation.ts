import type { z } from 'zod';
import type { InputSource } from './error-response.js';
import type { FieldProblem } from './http-error.js';
import { MAX_REPORTED_PROBLEMS, moreProblemsMessage, shortKey } from '../services/problems.js';

/** The outcome of checking one part of a request against its schema. */
export type Checked<T> = { ok: true; value: T } | { ok: false; fields: FieldProblem[] };

/**
 * Checks one part of a request (path parameters, query or body) against its
 * contract schema and names every field at fault, prefixed by where it came
 * from, so a client can put each message beside its input.
 */
export function checkInput<T>(schema: z.ZodType<T>, value: unknown, source: InputSource): Checked<T> {
  const illFormed = findIllFormedText(value, source);
  const result = schema.safeParse(value);
  if (result.success)
    return illFormed.length === 0 ? { ok: true, value: result.data } : { ok: false, fields: illFormed };
  const fields: FieldProblem[] = illFormed;
  for (const issue of result.error.issues) {
    const base = [source, ...issue.path.map((segment) => shortKey(String(segment)))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push({
          path: [...base, shortKey(key)].join('.'),
          message: `${JSON.stringify(shortKey(key))} is not a field of this request`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0 && value === undefined) {
      fields.push({ path: source, message: `send a JSON ${issue.expected} as the ${source}` });
      continue;
    }
    fields.push({ path: base.join('.'), message: issue.message });
  }
  return { ok: false, fields };
}

/**
 * The first MAX_REPORTED_PROBLEMS fields at fault and, when there are more,
 * one last entry that counts them, so an error stays small however many
 * items of a request are wrong. Appends without spreading: a list of any
 * length is safe.
 */
export function capFields(fields: readonly FieldProblem[], at: string): FieldProblem[] {
  const kept: FieldProblem[] = [];
  for (let i = 0; i < fields.length && i < MAX_REPORTED_PROBLEMS; i += 1) kept.push(fields[i] as FieldProblem);
  if (fields.length > MAX_REPORTED_PROBLEMS) {
    kept.push({ path: at, message: moreProblemsMessage(fields.length - MAX_REPORTED_PROBLEMS) });
  }
  return kept;
}

/** How many ill-formed strings are named before the search stops: the error is capped anyway. */
const ILL_FORMED_LIMIT = 100;

/**
 * Every string (value or key) holding a lone UTF-16 surrogate, by field path.
 * Such text cannot be stored or shown faithfully, so it is refused wherever it
 * is. Walks with its own stack, not recursion: a body may nest deeper than
 * the call stack.
 */
function findIllFormedText(value: unknown, source: InputSource): FieldProblem[] {
  const found: FieldProblem[] = [];
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: source }];
  while (pending.length > 0 && found.length < ILL_FORMED_LIMIT) {
    const next = pending.pop() as { value: unknown; path: string };
    if (typeof next.value === 'string') {
      if (LONE_SURROGATE.test(next.value)) found.push({ path: next.path, message: ILL_FORMED_MESSAGE });
    } else if (Array.isArray(next.value)) {
      for (let i = next.value.length - 1; i >= 0; i -= 1)
        pending.push({ value: next.value[i], path: `${next.path}.${i}` });
    } else if (typeof next.value === 'object' && next.value !== null) {
      const entries = Object.entries(next.value);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, item] = entries[i] as [string, unknown];
        const path = `${next.path}.${shortKey(key.replace(LONE_SURROGATES, '\uFFFD'))}`;
        if (LONE_SURROGATE.test(key))
          found.push({ path, message: `this key ${ILL_FORMED_MESSAGE.slice('the text '.length)}` });
        pending.push({ value: item, path });
      }
    }
  }
  return found;
}

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

const ILL_FORMED_MESSAGE = 'the text holds a lone UTF-16 surrogate (half of a character); send valid Unicode';
