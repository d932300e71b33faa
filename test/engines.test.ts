import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The Node version the project promises to run on: Node 20 from 20.19 (the
 * floor of the build tools: vite and rolldown ask for ^20.19.0). `npm ci`
 * warns about every installed package whose `engines.node` excludes it.
 */
const NODE_20 = '20.19.0';

type Version = [number, number, number];

function parse(text: string): { version: Version; given: number } {
  const parts = text.replace(/^v/, '').split('.');
  const given = parts.filter((p) => /^\d+$/.test(p)).length;
  const n = (i: number) => (/^\d+$/.test(parts[i] ?? '') ? Number(parts[i]) : 0);
  return { version: [n(0), n(1), n(2)], given };
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether a version satisfies one comparator: `>=18`, `^20.9.0`, `~1.2`, `20.x`, `<23`, `*`. */
function satisfiesComparator(version: Version, comparator: string): boolean {
  const match = /^(>=|<=|>|<|\^|~|=)?\s*(.*)$/.exec(comparator);
  const op = match?.[1] ?? '';
  const raw = match?.[2] ?? '';
  if (raw === '*' || raw === 'x' || raw === '') return true;
  const { version: bound, given } = parse(raw);
  const c = compare(version, bound);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '^': {
      const upper: Version =
        bound[0] > 0 || given < 2 ? [bound[0] + 1, 0, 0] : bound[1] > 0 ? [0, bound[1] + 1, 0] : [0, 0, bound[2] + 1];
      return c >= 0 && compare(version, upper) < 0;
    }
    case '~': {
      const upper: Version = given < 2 ? [bound[0] + 1, 0, 0] : [bound[0], bound[1] + 1, 0];
      return c >= 0 && compare(version, upper) < 0;
    }
    default:
      // A bare or x-range version: `20`, `20.x`, `1.2.3`.
      return [0, 1, 2].every((i) => i >= given || version[i] === bound[i]);
  }
}

/** Whether a version satisfies an npm range: comparator sets joined by `||`, comparators by spaces. */
function satisfies(text: string, range: string): boolean {
  const { version } = parse(text);
  return range.split('||').some((set) =>
    set
      .trim()
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => satisfiesComparator(version, comparator)),
  );
}

describe('satisfies', () => {
  it.each([
    ['>=20', true],
    ['>=22', false],
    ['>= 18.12.0', true],
    ['^20.19.0 || >=22.12.0', true],
    ['^20.20.0 || >=22', false],
    ['18 || 20 || >=22', true],
    ['20.x || 22.x', true],
    ['^18.18.0 || >=21.1.0', false],
    ['>=14 <20', false],
    ['~20.19', true],
    ['*', true],
  ])('%s on Node 20.19.0: %s', (range, expected) => expect(satisfies(NODE_20, range)).toBe(expected));
});

describe('package-lock.json', () => {
  it('installs no package whose engines exclude Node 20, so `npm ci` prints no engine warning', () => {
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
    };
    const excluding = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return node === undefined || satisfies(NODE_20, node)
          ? []
          : [`${path.replace(/^.*node_modules\//, '')}@${entry.version ?? '?'} wants node ${node}`];
      });
    expect(excluding).toEqual([]);
  });

  it('keeps the version the project itself declares', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      engines: { node: string };
    };
    expect(satisfies(NODE_20, pkg.engines.node)).toBe(true);
  });
});
