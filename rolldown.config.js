// Bundles the compiled CLI. Loading ~1,000 small modules (kysely, zod, yaml,
// commander) dominated the start-up of every command; a bundle starts in about
// half the time (docs/BENCHMARKS.md). The server (Fastify) is imported only by
// `serve`, so it goes in its own chunk that other commands never load. The
// bundle lives in dist/bundle, two levels below the root like the tsc output,
// so paths relative to import.meta.url (the ladders, package.json, dist/web)
// resolve the same. Native and optional drivers (and argon2's native binding) stay external.
export default {
  input: { longhaul: 'dist/cli/main.js' },
  platform: 'node',
  external: ['better-sqlite3', 'pg', '@node-rs/argon2'],
  output: {
    dir: 'dist/bundle',
    cleanDir: true,
    format: 'esm',
    entryFileNames: '[name].mjs',
    chunkFileNames: 'chunk-[name]-[hash].mjs',
  },
};
