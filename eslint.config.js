// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The layer rules of docs/ARCHITECTURE.md, enforced: the core is pure and
 * imports no other layer and no Node I/O; the store knows the core only
 * through its types; the edges (CLI, server) sit on top.
 */
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
  'path',
  'os',
  'child_process',
];
const layer = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'coverage/**'] },
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
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeIo.map((name) => ({
            name,
            message: 'The core is pure: read and write in the store or at the edge.',
          })),
          patterns: [
            {
              group: [...layer('store'), ...layer('services'), ...layer('cli'), ...layer('server'), ...layer('web')],
              message: 'The core imports no other layer (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('services'), ...layer('cli'), ...layer('server'), ...layer('web')],
              message: 'The store sits below services and the edges (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('cli'), ...layer('web')],
              message: 'The server knows nothing of the CLI or the browser (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/site/**/*.ts'],
    ignores: ['src/site/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeIo.map((name) => ({ name, message: 'The site generator is pure: the CLI writes the files.' })),
          patterns: [
            {
              group: [...layer('store'), ...layer('services'), ...layer('cli'), ...layer('server'), ...layer('web')],
              message: 'The site generator uses the core only (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('store'), ...layer('services'), ...layer('cli'), ...layer('site'), ...layer('core')],
              message: 'The web app talks to the server through the public API only (docs/ARCHITECTURE.md).',
            },
            {
              group: [...layer('server')],
              allowTypeImports: true,
              message: "The web app may import the API contract's types, never server code.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('cli'), ...layer('server'), ...layer('web')],
              message: 'Services know nothing of the CLI, HTTP or the browser (docs/ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
);
