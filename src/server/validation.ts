import type { z } from 'zod';
import type { InputSource } from './error-response.js';
import type { FieldProblem } from './http-error.js';

/** The outcome of checking one part of a request against its schema. */
export type Checked<T> = { ok: true; value: T } | { ok: false; fields: FieldProblem[] };

/**
 * Checks one part of a request (path parameters, query or body) against its
 * contract schema and names every field at fault, prefixed by where it came
 * from, so a client can put each message beside its input.
 */
export function checkInput<T>(schema: z.ZodType<T>, value: unknown, source: InputSource): Checked<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const fields: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const base = [source, ...issue.path.map((segment) => String(segment))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push({ path: [...base, key].join('.'), message: `"${key}" is not a field of this request` });
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
