import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLadderJsonSchema } from './ladder-json-schema.js';

describe('the shipped JSON Schema', () => {
  it('matches the schema generated from the code (regenerate: node bin/longhaul.js ladder schema > schema/ladder.schema.json)', () => {
    const shipped: unknown = JSON.parse(
      readFileSync(new URL('../../schema/ladder.schema.json', import.meta.url), 'utf8'),
    );
    expect(shipped).toEqual(buildLadderJsonSchema());
  });

  it('lets editors catch an unknown key and names every policy', () => {
    const schema = buildLadderJsonSchema() as {
      additionalProperties?: unknown;
      properties: Record<string, { oneOf?: { properties: { kind: { const: string } } }[] }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.policy?.oneOf?.map((option) => option.properties.kind.const)).toEqual([
      'coverage',
      'all',
      'points',
      'weighted-average',
    ]);
  });
});
