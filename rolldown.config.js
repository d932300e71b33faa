// Bundles the compiled CLI into one file. Loading ~1,000 small modules (kysely,
// zod, yaml, commander, fastify) dominated the start-up of every command; one
// file starts in less than half the time (docs/BENCHMARKS.md). Native and
// optional drivers stay external.
export default {
  input: 'dist/cli/main.js',
  platform: 'node',
  external: ['better-sqlite3', 'pg'],
  output: { file: 'dist/cli/longhaul.mjs', format: 'esm', codeSplitting: false },
};
