// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * The layer map of docs/ARCHITECTURE.md, enforced. Each layer lists what it
 * may import: another layer in full, only its types (`types`), or only the
 * types of one of its modules (`module`). Anything else of another layer is
 * refused. Pure layers may not touch Node's I/O either. test/layers.test.ts
 * reads the table in docs/ARCHITECTURE.md and tries every pair, so this map
 * and the document cannot say different things.
 *
 * Tests and their fixtures (`*.test.ts`, `*.fixtures.ts`) obey the same map,
 * with two reliefs: they may use Node's I/O and the values of a layer the code
 * may only know the types of (a server test inserts a row; a web test starts
 * the real server from `server/test-server.fixtures`).
 *
 * @typedef {{ layer: string, types?: true, module?: string }} Allowed
 * @type {Record<string, { allows: Allowed[], pure: boolean, message: string }>}
 */
const LAYERS = {
  shared: {
    allows: [],
    pure: true,
    message: 'Shared code is pure and imports no layer: every layer may import it (docs/ARCHITECTURE.md).',
  },
  core: {
    allows: [{ layer: 'shared' }],
    pure: true,
    message: 'The core imports no other layer but shared (docs/ARCHITECTURE.md).',
  },
  store: {
    allows: [{ layer: 'core', types: true }],
    pure: false,
    message: 'The store knows the core by its types only and sits below services and the edges (docs/ARCHITECTURE.md).',
  },
  services: {
    allows: [{ layer: 'core' }, { layer: 'store' }, { layer: 'shared' }],
    pure: false,
    message: 'Services know nothing of the site, the CLI, HTTP or the browser (docs/ARCHITECTURE.md).',
  },
  site: {
    allows: [{ layer: 'core' }, { layer: 'shared' }],
    pure: true,
    message: 'The site generator uses the core and shared code only (docs/ARCHITECTURE.md).',
  },
  server: {
    allows: [{ layer: 'core' }, { layer: 'services' }, { layer: 'store', types: true }, { layer: 'shared' }],
    pure: false,
    message:
      'The server knows the store by its types only, and nothing of the site, the CLI or the browser (docs/ARCHITECTURE.md).',
  },
  cli: {
    allows: [
      { layer: 'core' },
      { layer: 'store' },
      { layer: 'services' },
      { layer: 'site' },
      { layer: 'server' },
      { layer: 'shared' },
    ],
    pure: false,
    message: 'Nothing imports the CLI (docs/ARCHITECTURE.md).',
  },
  web: {
    allows: [{ layer: 'shared' }, { layer: 'server', module: 'api-contract', types: true }],
    pure: false,
    message:
      "The web app talks to the server through the public API: it may import the API contract's types and shared code only (docs/ARCHITECTURE.md).",
  },
};

const nodeIo = [
  'node:fs',
  'node:fs/promises',
  'node:path',
  'node:os',
  'node:child_process',
  'node:net',
  'node:http',
  'node:process',
  'node:readline',
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'readline',
];

/** Import specifiers that reach into a layer's folder from anywhere under src/. */
const into = (layer, module = '*') => [
  `**/${layer}/**`,
  `../${layer}/${module}`,
  `../../${layer}/${module}`,
  `../../../${layer}/${module}`,
];
/** The same for one module of a layer, with and without its extension. */
const moduleOf = (layer, module) => [`**/${layer}/${module}`, `**/${layer}/${module}.js`];

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.fixtures.ts'];

/** The no-restricted-imports options of one layer; `forTests` gives the reliefs tests have. */
function layerRule(name, forTests) {
  const { allows, pure, message } = LAYERS[name];
  const patterns = [];
  for (const other of Object.keys(LAYERS)) {
    if (other === name) continue;
    const allowed = allows.find((a) => a.layer === other);
    if (allowed === undefined) {
      patterns.push({ group: into(other), message });
    } else if (allowed.module !== undefined) {
      const exempt = forTests ? [allowed.module, 'test-server.fixtures'] : [allowed.module];
      patterns.push({
        group: [...into(other), ...exempt.flatMap((m) => moduleOf(other, m).map((glob) => `!${glob}`))],
        message,
      });
      if (allowed.types && !forTests) {
        patterns.push({ group: moduleOf(other, allowed.module), allowTypeImports: true, message });
      }
    } else if (allowed.types && !forTests) {
      patterns.push({ group: into(other), allowTypeImports: true, message });
    }
  }
  const paths =
    pure && !forTests
      ? nodeIo.map((module) => ({ name: module, message: `${message} Read and write files at the edge.` }))
      : [];
  return ['error', { paths, patterns }];
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'A focused test silences the rest of the suite.',
        },
      ],
    },
  },
  {
    // No import cycles: a module and what it imports form a tree, so any one of them can be read, loaded and
    // tested from the bottom up. Type-only imports are checked by test/layers.test.ts, which this rule skips.
    files: ['src/**/*.{ts,tsx}', 'test/**/*.ts', 'bench/**/*.{ts,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  ...Object.keys(LAYERS).flatMap((name) => [
    {
      files: [`src/${name}/**/*.{ts,tsx}`],
      ignores: TEST_FILES,
      rules: { 'no-restricted-imports': layerRule(name, false) },
    },
    {
      files: TEST_FILES.map((glob) => `src/${name}/${glob}`),
      rules: { 'no-restricted-imports': layerRule(name, true) },
    },
  ]),
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
