import { z } from 'zod';
import { LadderSchema } from './ladder.schema.js';

/**
 * The JSON Schema of the ladder file, generated from the zod definition so
 * editors validate exactly what the loader accepts. The copy shipped in
 * schema/ladder.schema.json is checked against this by a test.
 */
export function buildLadderJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(LadderSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'Longhaul ladder',
    ...schema,
  };
}
