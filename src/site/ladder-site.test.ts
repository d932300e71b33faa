import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLadder } from '../core/ladder-loader.js';
import type { Ladder } from '../core/ladder.js';
import { describeLevelRule } from '../core/level-rule.js';
import { buildLadderSite, SITE_MARKER, type SiteFile } from './ladder-site.js';
import { escapeHtml, relativeHref } from './html.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const longhaul = parseLadder(read('../../ladders/longhaul.yaml'), 'ladders/longhaul.yaml');
const snowflake = parseLadder(read('../../ladders/examples/snowflake.yaml'), 'ladders/examples/snowflake.yaml');
const small = parseLadder(read('../core/fixtures/small-ladder.yaml'), 'small-ladder.yaml');

/** A ladder written to attack the site: markup in every kind of text, a competency that starts late. */
const hostile = parseLadder(
  `id: hostile
title: Acme & Sons "engineering" <ladder>
description: "Read <b>this</b> first.\\n\\nSecond paragraph & more."
categories:
  - id: craft
    title: Craft <i>and</i> care
tracks:
  - id: ic
    title: IC
    levels:
      - id: junior
        title: Junior
        summary: Learns <em>fast</em>.
        readiness: ["Ships <img src=x onerror=alert(1)>"]
      - id: senior
        title: Senior
        required: [xss]
competencies:
  - id: xss
    title: <script>alert("pwned")</script>
    category: craft
    formerly: [old-xss]
    levels:
      junior:
        expectation: Writes <marquee>code</marquee>.
        signals: ["Fixed a bug in <select>"]
        notYet: ["Uses ' and \\" freely"]
      senior:
        expectation: Owns the </td></tr></table> service.
  - id: testing
    title: Testing
    category: craft
    levels:
      junior: { expectation: Writes a test. }
      senior: { expectation: Designs the test strategy. }
  - id: ops
    title: Operations
    category: craft
    levels:
      senior: { expectation: Keeps a service healthy. }
`,
  'hostile.yaml',
);

/** Two tracks that share a level id, and a competency that belongs to one track only. */
const twoTracks = parseLadder(
  `id: two-tracks
title: Two tracks
categories:
  - { id: craft, title: Craft }
  - { id: people, title: People }
tracks:
  - id: ic
    title: Individual contributor
    levels:
      - { id: junior, title: Junior }
      - { id: senior, title: Senior, readiness: [Leads a project.] }
  - id: em
    title: Engineering manager
    levels:
      - { id: lead, title: Team lead }
      - { id: senior, title: Manager }
competencies:
  - id: code
    title: Code
    category: craft
    track: ic
    levels:
      junior: { expectation: Writes code. }
      senior: { expectation: Shapes code. }
  - id: hiring
    title: Hiring
    category: people
    track: em
    levels:
      lead: { expectation: Hires a team. }
      senior: { expectation: Hires managers. }
  - id: feedback
    title: Feedback
    category: people
    levels:
      senior: { expectation: Gives feedback. }
`,
  'two-tracks.yaml',
);

const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  );

function idsOf(content: string): string[] {
  return [...content.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1] ?? ''));
}

/**
 * Follows every href and src of every page as a browser on file:// would:
 * each must be relative, name a generated file, and (with a #fragment) an id
 * on that page. Returns what is broken, so a failure lists every bad link.
 */
function brokenLinks(files: readonly SiteFile[]): string[] {
  const pages = new Map(files.map((file) => [file.path, file.content]));
  const problems: string[] = [];
  for (const file of files.filter((f) => f.path.endsWith('.html'))) {
    for (const match of file.content.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const link = decode(match[1] ?? '');
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('/')) {
        problems.push(`${file.path}: not a relative link: ${link}`);
        continue;
      }
      const [target = '', fragment] = link.split('#');
      const resolved = target === '' ? file.path : posix.normalize(posix.join(posix.dirname(file.path), target));
      const content = pages.get(resolved);
      if (content === undefined) problems.push(`${file.path}: ${link} -> missing file ${resolved}`);
      else if (fragment !== undefined && !idsOf(content).includes(fragment)) {
        problems.push(`${file.path}: ${link} -> no id "${fragment}" in ${resolved}`);
      }
    }
  }
  return problems;
}

function page(files: readonly SiteFile[], path: string): string {
  const file = files.find((f) => f.path === path);
  if (file === undefined) throw new Error(`no page ${path} (pages: ${files.map((f) => f.path).join(', ')})`);
  return file.content;
}

/** The text a reader sees: inline tags dropped, other tags as spaces, entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  return decode(html.replace(/<\/?(?:a|code|strong|span|em)(?:\s[^>]*)?>/g, '').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** The markup with runs of whitespace collapsed, since the layout of the generated source is not the point. */
function flat(html: string): string {
  return html
    .replace(/\s+/g, ' ')
    .replace(/\s*>\s*/g, '>')
    .replace(/\s*</g, '<');
}

function firstTrack(ladder: Ladder) {
  const track = ladder.tracks[0];
  if (track === undefined) throw new Error('ladder without tracks');
  return track;
}

describe('buildLadderSite', () => {
  it('writes index, list pages, a page per level, competency and adjacent pair, and the stylesheet', () => {
    const files = buildLadderSite(longhaul);
    const levels = firstTrack(longhaul).levels.map((l) => l.id);
    const expected = [
      'index.html',
      'style.css',
      'levels.html',
      'competencies.html',
      'comparisons.html',
      ...levels.map((id) => `levels/${id}.html`),
      ...longhaul.competencies.map((c) => `competencies/${c.id}.html`),
      ...levels.slice(1).map((to, i) => `compare/${levels[i]}-to-${to}.html`),
    ];
    expect(files.map((f) => f.path).sort()).toEqual(expected.sort());
    expect(files).toHaveLength(23);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
  });

  it.each([
    ['the default ladder', longhaul],
    ['the Snowflake points ladder', snowflake],
    ['the small fixture', small],
    ['a hostile ladder', hostile],
    ['a ladder with two tracks', twoTracks],
  ])('has no broken, absolute or external link in %s', (_name, ladder) => {
    const files = buildLadderSite(ladder, { generatedOn: '2026-11-28' });
    expect(brokenLinks(files)).toEqual([]);
  });

  it('has a link checker that catches what it should', () => {
    const files: SiteFile[] = [
      { path: 'index.html', content: '<a href="levels/a.html#at-x">x</a> <a href="https://cdn.example/x.css">y</a>' },
      { path: 'levels/a.html', content: '<p id="at-y">y</p><a href="../missing.html">z</a>' },
    ];
    expect(brokenLinks(files)).toEqual([
      'index.html: levels/a.html#at-x -> no id "at-x" in levels/a.html',
      'index.html: not a relative link: https://cdn.example/x.css',
      'levels/a.html: ../missing.html -> missing file missing.html',
    ]);
  });

  it('gives every page a unique set of ids, the stylesheet, the navigation and the footer', () => {
    const files = buildLadderSite(longhaul, { generatedOn: '2026-11-28' });
    for (const file of files.filter((f) => f.path.endsWith('.html'))) {
      const ids = idsOf(file.content);
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        file.path,
      ).toEqual([]);
      expect(file.content).toContain(SITE_MARKER);
      expect(file.content).toMatch(/^<!doctype html>\s*<html lang="en">/);
      const depth = file.path.split('/').length - 1;
      expect(file.content).toContain(`href="${'../'.repeat(depth)}style.css"`);
      const nav = /<nav class="site-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(file.content)?.[1] ?? '';
      expect(textOf(nav)).toBe('Matrix Levels Competencies Comparisons');
      expect(textOf(file.content)).toContain(
        `Generated by Longhaul from ladder longhaul (${longhaul.hash.slice(0, 12)}) on 2026-11-28.`,
      );
      expect(file.content).not.toMatch(/<script|\son[a-z]+=/i);
    }
    expect(flat(page(files, 'levels/senior.html'))).toContain(
      '<a href="../levels.html" aria-current="page">Levels</a>',
    );
  });

  it('leaves the date out of the footer when none is given', () => {
    const index = page(buildLadderSite(small), 'index.html');
    expect(textOf(index)).toContain(`Generated by Longhaul from ladder small (${small.hash.slice(0, 12)}).`);
  });

  it('escapes every piece of ladder text', () => {
    const files = buildLadderSite(hostile, { generatedOn: '<b>today</b>' });
    const all = files.map((f) => f.content).join('\n');
    for (const tag of ['<script', '<b>', '<i>', '<em>', '<img', '<marquee', '<select', '</td></tr></table> service']) {
      expect(all).not.toContain(tag);
    }
    expect(page(files, 'competencies/xss.html')).toContain(
      '<h1>&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;</h1>',
    );
    expect(page(files, 'index.html')).toContain(
      '<title>Acme &amp; Sons &quot;engineering&quot; &lt;ladder&gt;</title>',
    );
    expect(textOf(page(files, 'index.html'))).toContain('Owns the </td></tr></table> service.');
    expect(textOf(page(files, 'competencies/xss.html'))).toContain(`Uses ' and " freely`);
    expect(textOf(page(files, 'index.html'))).toContain('on <b>today</b>.');
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('keeps the paragraphs of a description', () => {
    const index = page(buildLadderSite(hostile), 'index.html');
    expect(index).toMatch(
      /<p class="lead">Read &lt;b&gt;this&lt;\/b&gt; first.<\/p>\s*<p class="lead">Second paragraph/,
    );
  });

  it('draws the matrix with one row per competency and one column per level, linking each cell to its anchor', () => {
    const files = buildLadderSite(longhaul);
    const index = page(files, 'index.html');
    const rows = [...index.matchAll(/<tr data-competency="([^"]+)">/g)].map((m) => m[1]);
    const columns = [...index.matchAll(/<th scope="col" data-step="([^"]+)">/g)].map((m) => m[1]);
    expect([...rows].sort()).toEqual(longhaul.competencies.map((c) => c.id).sort());
    expect(columns).toEqual(firstTrack(longhaul).levels.map((l) => l.id));
    const categoriesInOrder = rows.map((id) => longhaul.competencies.find((c) => c.id === id)?.category);
    expect(categoriesInOrder).toEqual([...categoriesInOrder].sort((a, b) => categoryIndex(a) - categoryIndex(b)));
    const scopeRow = /<tr data-competency="scope">([\s\S]*?)<\/tr>/.exec(index)?.[1] ?? '';
    expect(scopeRow.match(/<td>/g)).toHaveLength(4);
    expect(scopeRow).toContain('href="competencies/scope.html#at-senior"');
    expect(textOf(scopeRow)).toContain(textOf(longhaul.competencies[0]?.levels.senior?.expectation ?? 'missing'));
  });

  it('marks matrix cells below a competency’s first level as not applying', () => {
    const index = page(buildLadderSite(small), 'index.html');
    const opsRow = /<tr data-competency="ops">([\s\S]*?)<\/tr>/.exec(index)?.[1] ?? '';
    expect(textOf(opsRow)).toBe('Operations –Does not apply yet Keeps a service healthy in production.');
    expect(flat(opsRow)).toContain('<td class="not-applicable"><span aria-hidden="true">–</span>');
  });

  it('shows on a level page the summary, readiness, every expectation with signals and “not yet”, and a chart', () => {
    const files = buildLadderSite(longhaul);
    const senior = page(files, 'levels/senior.html');
    const text = textOf(senior);
    const level = firstTrack(longhaul).levels[2];
    expect(text).toContain(textOf(level?.summary ?? 'missing'));
    expect(text).toContain('Ready for Architect when');
    for (const sign of level?.readiness ?? []) expect(text).toContain(sign.replace(/\s+/g, ' '));
    for (const competency of longhaul.competencies) {
      const expectation = competency.levels.senior;
      expect(text).toContain(textOf(expectation?.expectation ?? 'missing'));
      for (const item of [...(expectation?.signals ?? []), ...(expectation?.notYet ?? [])]) {
        expect(text).toContain(item.replace(/\s+/g, ' '));
      }
    }
    expect(text).toContain('Required at this level: Reliability and blast radius');
    expect(flat(senior)).toMatch(
      /<svg class="radar-chart" viewBox="[-\d. ]+" role="img" aria-labelledby="chart-radar-title chart-radar-desc">/,
    );
    expect(senior).toContain('<title id="chart-radar-title">Senior compared with Mid-level</title>');
    expect(senior.match(/class="radar-spoke"/g)).toHaveLength(longhaul.competencies.length);
    const ringNames = /<g class="radar-ring-labels"[^>]*>([\s\S]*?)<\/g>/.exec(senior)?.[1] ?? '';
    expect([...ringNames.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual([
      'Junior',
      'Mid-level',
      'Senior',
      'Architect',
    ]);
    expect(text).toContain('Value of each competency at Senior and Mid-level');
    expect(text).toContain('Reliability and blast radius Mid-level (2) Senior (3)');
  });

  it('charts a competency that starts at a level as a spoke from the centre', () => {
    const files = buildLadderSite(hostile);
    const senior = page(files, 'levels/senior.html');
    // Axes in category order: xss, testing, ops. Ops is 0 at Junior and 2 at Senior.
    const previous = /<polygon class="radar-previous" points="([^"]+)"/.exec(senior)?.[1]?.split(' ');
    const current = /<polygon class="radar-current" points="([^"]+)"/.exec(senior)?.[1]?.split(' ');
    expect(previous?.[2]).toBe('0,0');
    expect(current?.[2]).not.toBe('0,0');
    expect(textOf(senior)).toContain('Operations does not apply yet (0) Senior (2)');
    expect(senior).toContain('Starting at Senior: Operations.');
    expect(textOf(page(files, 'levels/junior.html'))).toContain(
      'Does not apply at this level yet; it starts at Senior.',
    );
  });

  it('shows the table alone when a radar would have fewer than three spokes', () => {
    const junior = page(buildLadderSite(small), 'levels/junior.html');
    expect(junior).not.toContain('<svg');
    expect(textOf(junior)).toContain('Value of each competency at Junior');
  });

  it('lists on a competency page each level’s expectation, signals and “not yet”, and its former ids', () => {
    const files = buildLadderSite(hostile);
    const xss = page(files, 'competencies/xss.html');
    expect(idsOf(xss)).toEqual(expect.arrayContaining(['at-junior', 'at-senior']));
    expect(textOf(xss)).toMatch(
      /Junior Writes <marquee>code<\/marquee>\. Signals Fixed a bug in <select> Not yet Uses/,
    );
    expect(textOf(xss)).toContain('Formerly old-xss');
    expect(textOf(xss)).toContain('Required to reach Senior.');
    const ops = page(files, 'competencies/ops.html');
    expect(idsOf(ops)).not.toContain('at-junior');
    expect(textOf(ops)).toContain('Does not apply before Senior.');
  });

  it('compares adjacent levels side by side, with both summaries and the lower level’s readiness', () => {
    const files = buildLadderSite(longhaul);
    const compare = page(files, 'compare/mid-level-to-senior.html');
    const text = textOf(compare);
    const [, mid, senior] = firstTrack(longhaul).levels;
    expect(text).toContain('From Mid-level to Senior');
    expect(text).toContain(textOf(mid?.summary ?? 'missing'));
    expect(text).toContain(textOf(senior?.summary ?? 'missing'));
    for (const sign of mid?.readiness ?? []) expect(text).toContain(sign.replace(/\s+/g, ' '));
    const scope = longhaul.competencies.find((c) => c.id === 'scope');
    const before = textOf(scope?.levels['mid-level']?.expectation ?? 'missing');
    const after = textOf(scope?.levels.senior?.expectation ?? 'missing');
    expect(text).toContain(`Scope of ownership Mid-level ${before} Senior ${after}`);
    const list = textOf(page(files, 'comparisons.html'));
    expect(list).toContain('Junior to Mid-level');
    expect(list).toContain('Senior to Architect');
    expect(textOf(page(buildLadderSite(hostile), 'compare/junior-to-senior.html'))).toContain(
      'Operations starts at Senior Junior Does not apply yet. Senior Keeps a service healthy.',
    );
  });

  it('builds a points ladder on its milestones: matrix, milestone and level pages, comparisons', () => {
    const files = buildLadderSite(snowflake);
    const paths = files.map((f) => f.path);
    const milestones = snowflake.policy.kind === 'points' ? snowflake.policy.milestones.map((m) => m.id) : [];
    expect(milestones).toEqual(['0', '1', '2', '3', '4', '5']);
    for (const id of milestones) expect(paths).toContain(`milestones/${id}.html`);
    for (const level of firstTrack(snowflake).levels) expect(paths).toContain(`levels/${level.id}.html`);
    expect(paths.filter((p) => p.startsWith('compare/'))).toEqual(
      milestones.slice(1).map((to, i) => `compare/${milestones[i]}-to-${to}.html`),
    );
    expect(files).toHaveLength(48);

    const index = page(files, 'index.html');
    expect([...index.matchAll(/<th scope="col" data-step="([^"]+)">/g)].map((m) => m[1])).toEqual(milestones);
    expect(index.match(/<tr data-competency=/g)).toHaveLength(snowflake.competencies.length);
    expect(textOf(index)).toContain('Engineer II (2.1) from 17 points');

    const level = textOf(page(files, 'levels/2.1.html'));
    expect(level).toContain('Engineer II (2.1) is reached with 17 points; Engineer II (2.2) starts at 23 points.');
    expect(level).toContain('Principal Engineer (5.3) 135');
    expect(textOf(page(files, 'levels/5.3.html'))).toContain('is reached with 135 points; it is the highest level.');

    const milestone = page(files, 'milestones/3.html');
    expect(textOf(milestone)).toContain('Milestone · 6 points');
    expect(textOf(milestone)).toContain('Mobile Milestone 2 (2) Milestone 3 (3)');
    expect(flat(milestone)).toContain('<svg class="radar-chart"');
    // Milestone 0 is the centre, so the rings are milestones 1 to 5.
    const rings = /<g class="radar-ring-labels"[^>]*>([\s\S]*?)<\/g>/.exec(milestone)?.[1] ?? '';
    expect([...rings.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual(
      snowflake.policy.kind === 'points' ? snowflake.policy.milestones.slice(1).map((m) => m.title ?? m.id) : [],
    );

    const mobile = page(files, 'competencies/mobile.html');
    expect(idsOf(mobile)).toEqual(expect.arrayContaining(['at-1', 'at-2', 'at-3', 'at-4', 'at-5']));
    expect(textOf(mobile)).toContain('Milestone 1 · 1 point Ships small changes');
    const nav = /<nav class="site-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(index)?.[1] ?? '';
    expect(textOf(nav)).toBe('Matrix Levels Milestones Competencies Comparisons');
  });

  it('gives each track its own folder, matrix and comparisons when the ladder has several', () => {
    const files = buildLadderSite(twoTracks);
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'levels/ic/junior.html',
        'levels/ic/senior.html',
        'levels/em/lead.html',
        'levels/em/senior.html',
        'compare/ic/junior-to-senior.html',
        'compare/em/lead-to-senior.html',
      ]),
    );
    const index = page(files, 'index.html');
    const matrices = [...index.matchAll(/<table class="matrix" data-track="([^"]+)">([\s\S]*?)<\/table>/g)];
    expect(matrices.map((m) => m[1])).toEqual(['ic', 'em']);
    expect([...(matrices[0]?.[2] ?? '').matchAll(/data-competency="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'code',
      'feedback',
    ]);
    expect([...(matrices[1]?.[2] ?? '').matchAll(/data-competency="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'hiring',
      'feedback',
    ]);
    const feedback = page(files, 'competencies/feedback.html');
    expect(idsOf(feedback)).toEqual(expect.arrayContaining(['at-ic/senior', 'at-em/senior']));
    expect(textOf(feedback)).toContain('Does not apply before Senior.');
    expect(textOf(page(files, 'levels/em/senior.html'))).toContain('Manager');
  });

  it('states each level\u2019s rule in words on its page and in the matrix, in the engine\u2019s own words', () => {
    const files = buildLadderSite(longhaul);
    const track = firstTrack(longhaul);
    const rules = track.levels.map((level) => describeLevelRule(longhaul, track.id, level.id));
    expect(rules[2]).toContain('"Reliability and blast radius" rated Senior or above');
    track.levels.forEach((level, i) => {
      const text = textOf(page(files, `levels/${level.id}.html`));
      expect(text).toContain(`What it takes to reach ${level.title} ${rules[i] ?? 'missing'}`);
    });
    const index = page(files, 'index.html');
    const row = /<tbody class="matrix-rules">([\s\S]*?)<\/tbody>/.exec(index)?.[1] ?? '';
    expect(
      [...row.matchAll(/<td data-rule="([^"]+)">([\s\S]*?)<\/td>/g)].map((m) => [m[1], textOf(m[2] ?? '')]),
    ).toEqual(track.levels.map((level, i) => [level.id, rules[i]]));
    expect(textOf(index)).toContain('The first row says what it takes to reach each level.');
  });

  it('states the rule of every level of every track, under the points policy too', () => {
    const points = buildLadderSite(snowflake);
    const engineer = firstTrack(snowflake);
    const pointsIndex = textOf(page(points, 'index.html'));
    for (const level of engineer.levels) {
      const rule = describeLevelRule(snowflake, engineer.id, level.id);
      expect(textOf(page(points, `levels/${level.id}.html`))).toContain(rule);
      expect(pointsIndex).toContain(rule);
    }
    expect(textOf(page(points, 'levels/2.1.html'))).toContain('A total of at least 17 points');

    const files = buildLadderSite(twoTracks);
    const index = page(files, 'index.html');
    for (const track of twoTracks.tracks) {
      const matrix =
        new RegExp(`<table class="matrix" data-track="${track.id}">([\\s\\S]*?)</table>`).exec(index)?.[1] ?? '';
      for (const level of track.levels) {
        const rule = describeLevelRule(twoTracks, track.id, level.id);
        expect(textOf(matrix)).toContain(rule);
        expect(textOf(page(files, `levels/${track.id}/${level.id}.html`))).toContain(rule);
      }
    }
  });

  it('is deterministic and self-contained', () => {
    const first = buildLadderSite(longhaul, { generatedOn: '2026-11-28' });
    expect(buildLadderSite(longhaul, { generatedOn: '2026-11-28' })).toEqual(first);
    const css = page(first, 'style.css');
    expect(css).not.toMatch(/url\(|@import|@font-face/);
    expect(css).toContain('@media print');
    expect(css).toContain(':focus-visible');
  });
});

describe('relativeHref', () => {
  it.each([
    ['index.html', 'style.css', 'style.css'],
    ['levels/senior.html', 'style.css', '../style.css'],
    ['levels/senior.html', 'levels/junior.html', 'junior.html'],
    ['levels/ic/senior.html', 'compare/ic/a-to-b.html', '../../compare/ic/a-to-b.html'],
    ['levels/ic/senior.html', 'levels/em/senior.html', '../em/senior.html'],
    ['index.html', 'competencies/scope.html', 'competencies/scope.html'],
  ])('from %s to %s is %s', (from, to, expected) => {
    expect(relativeHref(from, to)).toBe(expected);
  });
});

function categoryIndex(id: string | undefined): number {
  return longhaul.categories.findIndex((c) => c.id === id);
}
