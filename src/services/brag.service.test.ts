import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderBragMarkdown, type BragDocument } from './brag.service.js';
import type { Evidence } from './evidence.service.js';

/** A viewer that passes HTML through, as many Markdown viewers do (and as pasting into some tools does). */
const permissive = new MarkdownIt('default', { html: true });

function evidence(overrides: Partial<Evidence>): Evidence {
  return {
    id: 'e1',
    personId: 'p1',
    date: '2026-11-03',
    title: 'Reviewed the cache change',
    body: '',
    kind: 'review',
    links: [],
    visibility: 'private',
    sharedWith: [],
    competencyIds: ['design'],
    ladderId: 'longhaul',
    ladderHash: 'abcdef0123456789',
    createdAt: '2026-11-03T10:00:00.000Z',
    updatedAt: '2026-11-03T10:00:00.000Z',
    ...overrides,
  };
}

function brag(items: Evidence[]): BragDocument {
  return {
    person: { id: 'p1', name: 'Ada <b>Lovelace</b>' },
    ladder: { id: 'longhaul', hash: 'abcdef0123456789', title: 'Longhaul' },
    since: null,
    generatedOn: '2026-11-28',
    groups: [{ competency: { id: 'design', title: 'Design and trade-offs', category: 'craft' }, evidence: items }],
    total: items.length,
  };
}

describe('renderBragMarkdown', () => {
  const hostile = evidence({
    title: 'Fixed <script>alert("title")</script> and <img src=x onerror="alert(2)">',
    body: [
      'Found it with **profiling**.',
      '',
      '<script>alert("body")</script>',
      '',
      'Inline <img src=x onerror="alert(3)"> too, and `a < b` in code.',
      '',
      '```',
      'if (a < b) return;',
      '```',
    ].join('\n'),
    links: ['https://example.com/pr/1', 'javascript:alert(4)'],
  });

  it('shows HTML in titles and bodies as text, even in a viewer that passes HTML through', () => {
    const html = permissive.render(renderBragMarkdown(brag([hostile])));
    expect(html).not.toMatch(/<(script|img|b)\b/);
    expect(html).not.toContain('javascript:alert(4)"');
    expect(html).toContain('Fixed &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; and &lt;img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;');
    expect(html).toContain('Inline &lt;img src=x onerror=&quot;alert(3)&quot;&gt; too');
    expect(html).toContain('<h1>Ada &lt;b&gt;Lovelace&lt;/b&gt;: evidence, up to 2026-11-28</h1>');
  });

  it("keeps the body's Markdown and its code as written", () => {
    const html = permissive.render(renderBragMarkdown(brag([hostile])));
    expect(html).toContain('<strong>profiling</strong>');
    expect(html).toContain('<pre><code>if (a &lt; b) return;\n</code></pre>');
    expect(html).toContain('<a href="https://example.com/pr/1">link 1</a>');
  });

  it('leaves titles and bodies without HTML as they were', () => {
    const markdown = renderBragMarkdown(brag([evidence({ body: 'Compared polling with events.' })]));
    expect(markdown).toContain(
      '- **2026-11-03**, review: Reviewed the cache change\n  Compared polling with events.\n',
    );
  });
});
