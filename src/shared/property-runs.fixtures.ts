/*
 * Test support (not a test itself): how many cases a property test tries.
 * `npm test` tries every case a suite asks for. A mutation run
 * (vitest.mutate.config.ts) sets LONGHAUL_PROPERTY_RUNS_SCALE to try a tenth,
 * because it runs the suites once per mutant: a mutant that changes
 * behaviour breaks a property on most inputs, not on one in a thousand.
 */

const SCALE = Number(process.env.LONGHAUL_PROPERTY_RUNS_SCALE ?? '1');

/** fast-check parameters for `count` runs, scaled down in a mutation run (never below 20). */
export function propertyRuns(count: number): { numRuns: number } {
  return {
    numRuns: Number.isFinite(SCALE) && SCALE > 0 && SCALE < 1 ? Math.max(20, Math.round(count * SCALE)) : count,
  };
}
