import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { core } from 'zod';
import { DomainError, formatProblem, type Problem } from './domain-error.js';
import type { Ladder } from './ladder.js';
import { LadderSchema, type LadderDefinition } from './ladder.schema.js';
import { checkLadderRules } from './ladder-rules.js';

type Path = (string | number)[];

/**
 * Parses and validates ladder YAML. Every problem found is reported at once,
 * each located as `source:line:col`, so a person fixes a file in one pass.
 * Pure: the caller reads the file.
 *
 * @throws DomainError `ladder_invalid` with the problems.
 */
export function parseLadder(text: string, source = '<ladder>'): Ladder {
  const result = checkLadderText(text, source);
  if (!result.ok) {
    const lines = result.problems.map(formatProblem);
    const count = result.problems.length;
    throw new DomainError(
      'ladder_invalid',
      `${source}: ${count} problem${count === 1 ? '' : 's'} in ladder\n${lines.join('\n')}`,
      result.problems,
    );
  }
  return result.ladder;
}

/** The outcome of checking a ladder file: the ladder, or every problem found. */
export type LadderCheck = { ok: true; ladder: Ladder } | { ok: false; problems: Problem[] };

/** Like parseLadder, but returns the problems instead of throwing. */
export function checkLadderText(text: string, source = '<ladder>'): LadderCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined): Pick<Problem, 'line' | 'col'> => {
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, col: pos.col };
  };

  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({
      source,
      ...at(error.pos[0]),
      path: [],
      message: `YAML syntax: ${firstLine(error.message)}`,
    }));
    return { ok: false, problems };
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problems: [
        {
          source,
          line: 1,
          col: 1,
          path: [],
          message: 'a ladder file must be a YAML mapping with id, title, categories, tracks and competencies',
        },
      ],
    };
  }

  const locate = (path: Path, key = false) => ({ source, ...at(findOffset(doc, path, key)), path });
  const parsed = LadderSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, locate));
    return { ok: false, problems: sortProblems(problems) };
  }
  const ruleProblems = checkLadderRules(parsed.data).map((p) => ({
    ...locate(p.path, p.key === true),
    message: p.message,
  }));
  if (ruleProblems.length > 0) return { ok: false, problems: sortProblems(ruleProblems) };
  return { ok: true, ladder: { ...parsed.data, hash: hashLadder(parsed.data) } };
}

/**
 * The content hash of a ladder: sha256 over its canonical JSON (sorted keys,
 * no `$schema`), so reformatting a file or editing comments keeps the hash.
 */
export function hashLadder(definition: LadderDefinition & { hash?: string }): string {
  const { $schema: _schema, hash: _hash, ...content } = definition;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function describeIssue(
  issue: core.$ZodIssue,
  locate: (path: Path, key?: boolean) => Omit<Problem, 'message'>,
): Problem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const name = path.at(-1);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ ...locate([...path, key], true), message: `unknown key "${key}"` }));
    case 'invalid_type':
      if (issue.input === undefined) {
        return [{ ...locate(path.slice(0, -1)), path, message: `missing required key "${String(name)}"` }];
      }
      return [
        {
          ...locate(path),
          message: `"${String(name)}" must be ${article(issue.expected)}, not ${describeValue(issue.input)}`,
        },
      ];
    case 'invalid_key': {
      const inner = issue.issues.map((i) => i.message).join('; ');
      return [{ ...locate(path, true), message: `"${String(name)}" is not a valid id: ${inner}` }];
    }
    case 'invalid_union':
      if ('discriminator' in issue && typeof issue.discriminator === 'string') {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return [
          {
            ...locate(path),
            message: `"${issue.discriminator}" must be one of ${options.map((o) => `"${String(o)}"`).join(', ')}`,
          },
        ];
      }
      return [{ ...locate(path), message: issue.message }];
    default:
      return [{ ...locate(path), message: name === undefined ? issue.message : `${label(path)}: ${issue.message}` }];
  }
}

/** Names the value at a path as a person would: `"weight"`, or `signals[2]` inside a list. */
function label(path: Path): string {
  const name = path.at(-1);
  return typeof name === 'number' ? `${String(path.at(-2))}[${name}]` : `"${String(name)}"`;
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Walks the YAML tree along a path; stops at the deepest node that exists. */
function findOffset(doc: Document, path: Path, key: boolean): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return offset;
      if (last && key) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range?.[0];
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}
