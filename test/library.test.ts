import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual, inspect } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import * as library from '../src/index.js';

/*
 * docs/library.md is run as written: its ```ts blocks are taken from the file,
 * the `longhaul` import pointed at the package's source entry, and every
 * statement with a trailing comment becomes a check of what the comment
 * claims. `expr; // 'Mid-level'` (a JavaScript value) must equal the value;
 * `console.error(expr); // text …` must print that text (a trailing … means
 * "starting with"). A comment the test cannot check fails the test, so the
 * document cannot make a claim nobody verifies.
 */

const DOC_PATH = 'docs/library.md';
const doc = readFileSync(new URL(`../${DOC_PATH}`, import.meta.url), 'utf8');
const entry = pathToFileURL(fileURLToPath(new URL('../src/index.ts', import.meta.url))).href;
const scratch = mkdtempSync(join(tmpdir(), 'longhaul-library-doc-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A fenced TypeScript block of the document and the line its code starts on. */
interface CodeBlock {
  code: string;
  line: number;
}

function typescriptBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    blocks.push({ code: lines.slice(start, end).join('\n'), line: start + 1 });
    i = end;
  }
  return blocks;
}

/** One claim of the document: where it is and what it says. */
interface Claim {
  line: number;
  text: string;
}

/** The value a comment names, when the comment is a JavaScript value rather than prose. */
function valueOf(comment: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: new Function(`return (${comment});`)() as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Rewrites a block so it checks its own comments: returns the module text and
 * every claim it makes. `record(line, actual)` collects what each claim saw.
 */
function instrument(block: CodeBlock): { source: string; claims: Claim[]; problems: string[] } {
  const file = ts.createSourceFile('block.ts', block.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const claims: Claim[] = [];
  const problems: string[] = [];
  const docLine = (pos: number) => block.line + file.getLineAndCharacterOfPosition(pos).line;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (node.moduleSpecifier.text === 'longhaul') {
        edits.push({
          start: node.moduleSpecifier.getStart(file),
          end: node.moduleSpecifier.getEnd(),
          text: JSON.stringify(entry),
        });
      }
    }
    if (ts.isExpressionStatement(node)) {
      const comment = ts
        .getTrailingCommentRanges(block.code, node.getEnd())
        ?.find((range) => range.kind === ts.SyntaxKind.SingleLineCommentTrivia);
      if (comment !== undefined) {
        const text = block.code.slice(comment.pos + 2, comment.end).trim();
        const line = docLine(node.getStart(file));
        const expression = node.expression;
        const value = valueOf(text);
        if (value.ok) {
          edits.push({
            start: node.getStart(file),
            end: node.getEnd(),
            text: `record(${line}, (${expression.getText(file)}));`,
          });
          claims.push({ line, text });
        } else if (
          ts.isCallExpression(expression) &&
          /^console\.(log|error|warn|info)$/.test(expression.expression.getText(file)) &&
          expression.arguments.length === 1
        ) {
          edits.push({
            start: node.getStart(file),
            end: node.getEnd(),
            text: `record(${line}, String(${expression.arguments[0]?.getText(file) ?? ''}));`,
          });
          claims.push({ line, text });
        } else {
          problems.push(`${DOC_PATH}:${line}: the comment "${text}" is neither a value nor printed text`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let source = block.code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    source = source.slice(0, edit.start) + edit.text + source.slice(edit.end);
  }
  const prelude =
    'const record = (line: number, actual: unknown): void => {\n' +
    '  (globalThis as unknown as { __libraryDoc: Map<number, unknown> }).__libraryDoc.set(line, actual);\n' +
    '};\n';
  return { source: prelude + source, claims, problems };
}

/** Whether what the code produced is what the comment says. */
function holds(claim: Claim, actual: unknown): boolean {
  const value = valueOf(claim.text);
  if (value.ok) return isDeepStrictEqual(actual, value.value);
  const text = claim.text.endsWith('…') ? claim.text.slice(0, -1).trimEnd() : claim.text;
  return claim.text.endsWith('…') ? String(actual).startsWith(text) : String(actual) === text;
}

const blocks = typescriptBlocks(doc);

describe(`the examples of ${DOC_PATH}`, () => {
  it('has TypeScript examples that import the package', () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.some((b) => b.code.includes("from 'longhaul'"))).toBe(true);
  });

  it.each(blocks.map((block) => [block.line, block]))(
    'runs the block on line %i and every comment in it holds',
    async (_line, block) => {
      const { source, claims, problems } = instrument(block);
      expect(problems).toEqual([]);
      const seen = new Map<number, unknown>();
      (globalThis as unknown as { __libraryDoc: Map<number, unknown> }).__libraryDoc = seen;
      const file = join(scratch, `block-${block.line}.ts`);
      writeFileSync(file, source);
      await import(/* @vite-ignore */ pathToFileURL(file).href);
      const failures = claims.flatMap((claim) => {
        if (!seen.has(claim.line)) return [`${DOC_PATH}:${claim.line}: never ran, so "${claim.text}" was not shown`];
        const actual = seen.get(claim.line);
        return holds(claim, actual)
          ? []
          : [`${DOC_PATH}:${claim.line}: the comment says ${claim.text}, the code gives ${inspect(actual)}`];
      });
      expect(failures).toEqual([]);
    },
  );

  it('names only exports the package has', () => {
    const imported = blocks.flatMap((block) =>
      [...block.code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'longhaul'/g)].flatMap((m) =>
        (m[1] ?? '').split(',').map((name) => name.trim().replace(/^type\s+/, '')),
      ),
    );
    const listed = [...(/Also exported:([\s\S]*?)(\n\n|$)/.exec(doc)?.[1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map(
      (m) => m[1] ?? '',
    );
    expect(listed.length).toBeGreaterThan(3);
    const missing = [...imported, ...listed].filter((name) => name !== '' && !(name in library));
    expect(missing).toEqual([]);
  });
});
