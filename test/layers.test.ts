import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The layer map of docs/ARCHITECTURE.md is a lint rule. The map is read from
 * the table in that document, and every layer tries to import every other
 * one, as a value and as a type: what the table allows must pass, and
 * everything else must be refused by ESLint. A last check walks the import
 * graph of src/, type-only imports included, to prove there is no cycle.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** What one layer may import from another: all of it, its types only, or the types of one module. */
interface Allowance {
  module: string | null;
  typesOnly: boolean;
}

interface LayerRow {
  layer: string;
  allows: Map<string, Allowance>;
  /** The layer may not touch Node's I/O. */
  pure: boolean;
}

/** The layer table of docs/ARCHITECTURE.md: `layer | may import | may not import`. */
function readLayerTable(): LayerRow[] {
  const doc = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
  const lines = doc.split('\n');
  const header = lines.findIndex((line) => /^\|\s*layer\s*\|\s*may import\s*\|\s*may not import\s*\|$/.test(line));
  expect(header, 'docs/ARCHITECTURE.md has the layer table').toBeGreaterThan(-1);
  const end = lines.findIndex((line, i) => i > header && !line.startsWith('|'));
  const rows = lines.slice(header + 2, end === -1 ? undefined : end).map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
  const layers = new Set(rows.map(([layer]) => layer ?? ''));
  return rows.map(([layer = '', mayImport = '', mayNot = '']) => {
    const allows = new Map<string, Allowance>();
    for (const match of mayImport.matchAll(/`([a-z-]+)(?:\/([a-z.-]+))?`( \(types only\))?/g)) {
      const [, target = '', module, typesOnly] = match;
      if (layers.has(target)) allows.set(target, { module: module ?? null, typesOnly: typesOnly !== undefined });
    }
    return { layer, allows, pure: mayNot.includes('Node I/O') };
  });
}

const TABLE = readLayerTable();

/** The messages of the layer rule for a file of this content at this path. */
async function layerMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === null)
    .map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const valueImport = (specifier: string) => `import { thing } from '${specifier}';\nexport const x = thing;\n`;
const typeImport = (specifier: string) => `import type { Thing } from '${specifier}';\nexport type X = Thing;\n`;

/** Every import this case must try: [what, file, code, refused?]. */
function casesFor(row: LayerRow, other: LayerRow): [string, string, string, boolean][] {
  const allowance = row.allows.get(other.layer);
  const module = allowance?.module ?? 'anything';
  const specifier = `../${other.layer}/${module}.js`;
  const nested = `../../${other.layer}/${module}.js`;
  const file = `src/${row.layer}/example.ts`;
  const nestedFile = `src/${row.layer}/deeper/example.ts`;
  const cases: [string, string, string, boolean][] = [
    [
      `a value from ${other.layer}/${module}`,
      file,
      valueImport(specifier),
      allowance === undefined || allowance.typesOnly,
    ],
    [`a type from ${other.layer}/${module}`, file, typeImport(specifier), allowance === undefined],
    [
      `a value from ${other.layer}/${module}, one folder down`,
      nestedFile,
      valueImport(nested),
      allowance === undefined || allowance.typesOnly,
    ],
  ];
  if (allowance?.module !== null && allowance !== undefined) {
    // Only the module the table names: any other module of that layer is refused, even its types.
    cases.push([`a type from another module of ${other.layer}`, file, typeImport(`../${other.layer}/app.js`), true]);
  }
  return cases;
}

describe('the layer table of docs/ARCHITECTURE.md', () => {
  it('names every folder of src/ as a layer, and every layer as a folder', () => {
    const folders = readdirSync(join(ROOT, 'src')).filter((name) => statSync(join(ROOT, 'src', name)).isDirectory());
    expect(TABLE.map((row) => row.layer).sort()).toEqual(folders.sort());
    expect(TABLE.length).toBeGreaterThanOrEqual(8);
  });

  it('lets the core, the site, the web app, services, the server and the CLI import shared code', () => {
    const importers = TABLE.filter((row) => row.allows.get('shared')?.typesOnly === false).map((row) => row.layer);
    expect(importers.sort()).toEqual(['cli', 'core', 'server', 'services', 'site', 'web']);
  });

  it("lets the web app import the API contract's types and nothing else of another layer but shared", () => {
    const web = TABLE.find((row) => row.layer === 'web');
    expect([...(web?.allows.entries() ?? [])]).toEqual([
      ['shared', { module: null, typesOnly: false }],
      ['server', { module: 'api-contract', typesOnly: true }],
    ]);
  });
});

describe('layer rules', () => {
  for (const row of TABLE) {
    describe(`${row.layer}`, () => {
      const cases = TABLE.filter((other) => other !== row).flatMap((other) => casesFor(row, other));
      it.each(cases)('importing %s', async (_what, file, code, refused) => {
        const messages = await layerMessages(file, code);
        if (refused) {
          expect(messages.join('\n')).toContain('no-restricted-imports');
          expect(messages.join('\n')).toContain('docs/ARCHITECTURE.md');
        } else {
          expect(messages).toEqual([]);
        }
      });

      it(`${row.pure ? 'refuses' : 'allows'} Node I/O`, async () => {
        for (const module of ['node:fs', 'fs', 'node:path', 'node:child_process']) {
          const messages = await layerMessages(`src/${row.layer}/example.ts`, valueImport(module));
          if (row.pure) expect(messages.join('\n'), module).toContain('Read and write files at the edge');
          else expect(messages, module).toEqual([]);
        }
      });
    });
  }

  it('lets tests use Node I/O, and the values of what the code may only know the types of', async () => {
    expect(await layerMessages('src/core/example.test.ts', valueImport('node:fs'))).toEqual([]);
    expect(await layerMessages('src/server/example.test.ts', valueImport('../store/people.repository.js'))).toEqual([]);
    expect(await layerMessages('src/web/example.test.ts', valueImport('../server/test-server.fixtures.js'))).toEqual(
      [],
    );
    expect(await layerMessages('src/web/example.test.ts', valueImport('../server/api-contract.js'))).toEqual([]);
    // But a test still keeps to the map: a web test may not reach into the server's code.
    expect((await layerMessages('src/web/example.test.ts', valueImport('../server/app.js'))).join('\n')).toContain(
      'docs/ARCHITECTURE.md',
    );
    expect((await layerMessages('src/core/example.test.ts', valueImport('../store/database.js'))).join('\n')).toContain(
      'docs/ARCHITECTURE.md',
    );
  });

  it('fails a focused test', async () => {
    const code = "import { it } from 'vitest';\nit.only('x', () => undefined);\n";
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, 'src/core/example.test.ts') });
    expect((result?.messages ?? []).map((m) => m.message).join('\n')).toContain(
      'A focused test silences the rest of the suite',
    );
  });
});

/** The relative imports of every source file under src/, type-only ones included, resolved to files. */
function importGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) files.push(path);
    }
  };
  walk(join(ROOT, 'src'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name))
      .map((path) => [path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx'), path].find((p) => existsSync(p)))
      .filter((path): path is string => path !== undefined && statSync(path).isFile());
    graph.set(file, targets);
  }
  return graph;
}

/** The first cycle found from each file, as a list of files (first and last the same). */
function cyclesIn(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const seen = path.indexOf(file);
    if (seen !== -1) {
      cycles.push([...path.slice(seen), file]);
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}

describe('import cycles', () => {
  it('are refused by ESLint', async () => {
    // The services import the evidence repository; the repository importing the service back closes a circle.
    const code = valueImport('../services/evidence.service.js');
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, 'src/store/evidence.repository.ts') });
    expect((result?.messages ?? []).map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('do not exist in src/, not even through type-only imports', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    const named = cyclesIn(graph).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' -> '));
    expect(named).toEqual([]);
    // The walk sees type-only imports: the app context reaches the OpenAPI document's types that way.
    expect(graph.get(join(ROOT, 'src/server/app-context.ts'))).toContain(join(ROOT, 'src/server/openapi-document.ts'));
  });
});
