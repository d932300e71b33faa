import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { core } from 'zod';
import { DomainError, formatProblem, type Problem } from './domain-error.js';
import type { Ladder } from './ladder.js';
import { LadderSchema, type LadderDefinition } from './ladder.schema.js';
import { checkLadderRules, type RuleProblem } from './ladder-rules.js';

type Path = (string | number)[];

/**
 * How many times a ladder file may use aliases (`*name`) in all. A real ladder
 * needs few or none; a few nested aliases can otherwise expand into billions
 * of nodes ("billion laughs") and take the process down.
 */
export const MAX_ALIAS_COUNT = 100;

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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // yaml refuses aliases that expand too far, and ones it cannot resolve: the file's fault, not a bug.
    const why = error instanceof Error ? firstLine(error.message) : String(error);
    const message = /alias count/i.test(why)
      ? `YAML aliases: the aliases (*name) in this file expand to more than ${MAX_ALIAS_COUNT} copies; write the repeated parts out instead`
      : `YAML: ${why}`;
    return { ok: false, problems: [{ source, ...at(firstAliasOffset(doc)), path: [], message }] };
  }
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
  if (parsed.success) {
    const ruleProblems = checkLadderRules(parsed.data).map((p) => ({
      ...locate(p.path, p.key === true),
      message: p.message,
    }));
    if (ruleProblems.length > 0) return { ok: false, problems: sortProblems(ruleProblems) };
    return { ok: true, ladder: { ...parsed.data, hash: hashLadder(parsed.data) } };
  }
  // Schema problems, and in the same pass the rule problems of the part of the file that is well-formed,
  // so a person does not fix the schema problems only to meet a second list.
  const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, locate));
  const part = wellFormedPart(data as Record<string, unknown>, parsed.error.issues);
  if (part !== null) {
    for (const rule of safeRules(part.ladder)) {
      // A rule that names a removed item only repeats, in other words, the schema problem that removed it.
      if ([...part.removedIds].some((id) => rule.message.includes(`"${id}"`))) continue;
      problems.push({ ...locate(part.toOriginal(rule.path), rule.key === true), message: rule.message });
    }
  }
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const text = formatProblem(p);
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
  return { ok: false, problems: sortProblems(unique) };
}

/** The rules, run on a repaired document: should one still trip over what was left out, the schema problems stand alone. */
function safeRules(ladder: LadderDefinition): RuleProblem[] {
  try {
    return checkLadderRules(ladder);
  } catch {
    return [];
  }
}

/** What a document must lose to pass the schema: list items (by position in the file) and unknown keys. */
interface Repair {
  /** The positions taken out of each list, keyed by the list's path in the file (JSON). */
  removed: Map<string, Set<number>>;
  /** Unknown keys taken out, by their path in the file. */
  deletedKeys: Path[];
  /** The ids of the items taken out. */
  removedIds: Set<string>;
}

/**
 * The well-formed part of a document that fails the schema: each list item
 * with a problem (the innermost one: a bad signal costs the signal, a bad
 * weight the competency) and each unknown key is left out, until the rest
 * passes. Null when a problem sits outside any list (a broken policy, a
 * missing title): then the rules could not say anything trustworthy.
 * `toOriginal` turns a path in the repaired document back into one in the file.
 */
function wellFormedPart(
  data: Record<string, unknown>,
  issues: readonly core.$ZodIssue[],
): { ladder: LadderDefinition; toOriginal: (path: Path) => Path; removedIds: Set<string> } | null {
  const repair: Repair = { removed: new Map(), deletedKeys: [], removedIds: new Set() };
  const toOriginal = (path: Path) => originalPath(repair, path);
  let pending = issues;
  for (let round = 0; round < 5; round++) {
    const located = pending.map((issue) => ({ issue, path: toOriginal(plainPath(issue.path)) }));
    for (const { issue, path } of located) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) repair.deletedKeys.push([...path, key]);
        continue;
      }
      const at = path.findLastIndex((segment) => typeof segment === 'number');
      if (at === -1) return null;
      const list = JSON.stringify(path.slice(0, at));
      const gone = repair.removed.get(list) ?? new Set<number>();
      gone.add(path[at] as number);
      repair.removed.set(list, gone);
      const item = valueAt(data, path.slice(0, at + 1));
      if (item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') {
        repair.removedIds.add((item as { id: string }).id);
      }
    }
    const parsed = LadderSchema.safeParse(applyRepair(data, repair));
    if (parsed.success) return { ladder: parsed.data, toOriginal, removedIds: repair.removedIds };
    pending = parsed.error.issues;
  }
  return null;
}

function plainPath(path: readonly PropertyKey[]): Path {
  return path.map((p) => (typeof p === 'symbol' ? String(p) : p));
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** A copy of the document without what the repair takes out; lists are filtered innermost first, so positions stay those of the file. */
function applyRepair(data: Record<string, unknown>, repair: Repair): unknown {
  const copy = structuredClone(data);
  for (const path of repair.deletedKeys) {
    const parent = valueAt(copy, path.slice(0, -1));
    if (parent !== null && typeof parent === 'object') Reflect.deleteProperty(parent, String(path.at(-1)));
  }
  const lists = [...repair.removed.entries()]
    .map(([key, gone]) => ({ path: JSON.parse(key) as Path, gone }))
    .sort((a, b) => b.path.length - a.path.length);
  for (const { path, gone } of lists) {
    const parent = valueAt(copy, path.slice(0, -1));
    const list = valueAt(copy, path);
    if (parent === null || typeof parent !== 'object' || !Array.isArray(list)) continue;
    (parent as Record<string | number, unknown>)[path.at(-1) as string | number] = list.filter((_, i) => !gone.has(i));
  }
  return copy;
}

/** Maps a path in the repaired document to the same item in the file, skipping the positions taken out before it. */
function originalPath(repair: Repair, path: Path): Path {
  const out: Path = [];
  for (const segment of path) {
    if (typeof segment !== 'number') {
      out.push(segment);
      continue;
    }
    const gone = repair.removed.get(JSON.stringify(out));
    let index = -1;
    for (let kept = -1; kept < segment;) {
      index += 1;
      if (gone?.has(index) !== true) kept += 1;
    }
    out.push(index);
  }
  return out;
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
          message: `"${String(name)}" must be ${expectedType(issue.expected, issue.input)}, not ${describeValue(issue.input)}`,
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

/** The type a key needs, in words: zod says "int" for a whole number and "number" for an overflow. */
function expectedType(expected: string, input: unknown): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'number' && typeof input === 'number') return 'a finite number';
  return article(expected);
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (typeof value === 'number' && Number.isNaN(value)) return 'not a number (.nan)';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to hold';
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

/** Where the first alias of a document is, so an alias problem points at a line. */
function firstAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}
