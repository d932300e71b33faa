import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownText, neutraliseMarkdownHtml, renderMarkdown, safeHref } from './markdown.js';
import { propertyRuns } from './property-runs.fixtures.js';

describe('renderMarkdown: blocks', () => {
  it('splits paragraphs on blank lines and keeps soft line breaks inside one', () => {
    expect(renderMarkdown('One\ntwo\n\nThree')).toBe('<p>One\ntwo</p>\n<p>Three</p>');
  });

  it('renders nothing for an empty body', () => {
    expect(renderMarkdown('')).toBe('');
    expect(renderMarkdown('  \n\n ')).toBe('');
  });

  it('places headings below the page headings, from h3 by default', () => {
    expect(renderMarkdown('# Context\n## Detail\n###### Deep')).toBe(
      '<h3>Context</h3>\n<h4>Detail</h4>\n<h6>Deep</h6>',
    );
    expect(renderMarkdown('# Top', { headingBase: 2 })).toBe('<h2>Top</h2>');
    expect(renderMarkdown('Underlined\n---', { headingBase: 4 })).toBe('<h5>Underlined</h5>');
  });

  it('drops closing hashes and needs a space after the opening ones', () => {
    expect(renderMarkdown('## Title ##')).toBe('<h4>Title</h4>');
    expect(renderMarkdown('#hashtag')).toBe('<p>#hashtag</p>');
  });

  it('renders fenced code verbatim, escaped, with its language as a class', () => {
    const source = '```ts\nconst a = 1 < 2 && "x";\n**not bold**\n```';
    expect(renderMarkdown(source)).toBe(
      '<pre><code class="language-ts">const a = 1 &lt; 2 &amp;&amp; &quot;x&quot;;\n**not bold**\n</code></pre>',
    );
  });

  it('keeps only letters, digits and +#._- of the language', () => {
    expect(renderMarkdown('```js" onclick="x\ncode\n```')).toBe('<pre><code class="language-js">code\n</code></pre>');
    expect(renderMarkdown('```javascript:alert(1)\ncode\n```')).toBe(
      '<pre><code class="language-javascriptalert1">code\n</code></pre>',
    );
    expect(renderMarkdown('```"\ncode\n```')).toBe('<pre><code>code\n</code></pre>');
  });

  it('renders unordered, ordered and nested lists', () => {
    expect(renderMarkdown('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(renderMarkdown('3) third\n4) fourth')).toBe('<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>');
    expect(renderMarkdown('- parent\n  - child\n- next')).toBe(
      '<ul>\n<li>parent\n<ul>\n<li>child</li>\n</ul>\n</li>\n<li>next</li>\n</ul>',
    );
  });

  it('renders block quotes and rules', () => {
    expect(renderMarkdown('> quoted *text*\n> more\n\n---')).toBe(
      '<blockquote>\n<p>quoted <em>text</em>\nmore</p>\n</blockquote>\n<hr>',
    );
  });
});

describe("renderMarkdown: GitHub's additions", () => {
  it('renders a table, with its alignment, in a scrolling box', () => {
    expect(renderMarkdown('| Metric | Before | After |\n| --- | ---: | ---: |\n| p95 | 900 ms | 300 ms |')).toBe(
      [
        '<div class="table-scroll"><table>',
        '<thead>',
        '<tr>',
        '<th>Metric</th>',
        '<th style="text-align:right">Before</th>',
        '<th style="text-align:right">After</th>',
        '</tr>',
        '</thead>',
        '<tbody>',
        '<tr>',
        '<td>p95</td>',
        '<td style="text-align:right">900 ms</td>',
        '<td style="text-align:right">300 ms</td>',
        '</tr>',
        '</tbody>',
        '</table>',
        '</div>',
      ].join('\n'),
    );
  });

  it('renders strikethrough', () => {
    expect(renderMarkdown('~~flaky~~ stable')).toBe('<p><s>flaky</s> stable</p>');
  });

  it('renders task lists as read-only checkboxes', () => {
    expect(renderMarkdown('- [x] runbook\n- [ ] game day\n- [link](https://a.example)')).toBe(
      [
        '<ul>',
        '<li class="task-list-item"><input type="checkbox" disabled checked aria-label="Done"> runbook</li>',
        '<li class="task-list-item"><input type="checkbox" disabled aria-label="Not done"> game day</li>',
        '<li><a href="https://a.example" rel="noopener noreferrer">link</a></li>',
        '</ul>',
      ].join('\n'),
    );
  });

  it('links bare http(s), www. and e-mail addresses, but not file names', () => {
    expect(renderMarkdown('See https://status.example/x, www.example.com, ops@example.com and readme.md')).toBe(
      '<p>See <a href="https://status.example/x" rel="noopener noreferrer">https://status.example/x</a>, ' +
        '<a href="http://www.example.com" rel="noopener noreferrer">www.example.com</a>, ' +
        '<a href="mailto:ops@example.com" rel="noopener noreferrer">ops@example.com</a> and readme.md</p>',
    );
  });

  it('leaves footnote syntax as text', () => {
    expect(renderMarkdown('Fixed[^1]')).toBe('<p>Fixed[^1]</p>');
  });
});

describe('renderMarkdown: inline', () => {
  it.each([
    ['*em* and _em_', '<em>em</em> and <em>em</em>'],
    ['**strong** and __strong__', '<strong>strong</strong> and <strong>strong</strong>'],
    ['*a **b** c*', '<em>a <strong>b</strong> c</em>'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['`a < b`', '<code>a &lt; b</code>'],
    ['``code with ` tick``', '<code>code with ` tick</code>'],
    ['`*not em*`', '<code>*not em*</code>'],
    ['\\*literal\\*', '*literal*'],
  ])('%s', (source, expected) => {
    expect(renderMarkdown(source)).toBe(`<p>${expected}</p>`);
  });

  it('renders http(s) and mailto links with rel noopener', () => {
    expect(renderMarkdown('[the PR](https://example.com/pr/1?a=1&b=2)')).toBe(
      '<p><a href="https://example.com/pr/1?a=1&amp;b=2" rel="noopener noreferrer">the PR</a></p>',
    );
    expect(renderMarkdown('[*docs*](http://example.com "Title")')).toBe(
      '<p><a href="http://example.com" title="Title" rel="noopener noreferrer"><em>docs</em></a></p>',
    );
    expect(renderMarkdown('[mail](mailto:sre@example.com)')).toBe(
      '<p><a href="mailto:sre@example.com" rel="noopener noreferrer">mail</a></p>',
    );
  });

  it('renders http(s) images, lazily, and keeps the description of any other', () => {
    expect(renderMarkdown('![graph](https://img.example/p95.png)')).toBe(
      '<p><img src="https://img.example/p95.png" alt="graph" loading="lazy"></p>',
    );
    expect(renderMarkdown('![graph *now*](mailto:a@b.example)')).toBe('<p>graph now</p>');
  });
});

describe('renderMarkdown: safety', () => {
  it.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>'],
    ['# <b>bold</b>', '<h3>&lt;b&gt;bold&lt;/b&gt;</h3>'],
    ['- <i>x</i>', '<ul>\n<li>&lt;i&gt;x&lt;/i&gt;</li>\n</ul>'],
    ['| <b>a</b> |\n| - |\n| <i>b</i> |', '&lt;b&gt;a&lt;/b&gt;'],
    ['<!-- hidden -->', '<p>&lt;!-- hidden --&gt;</p>'],
  ])('escapes HTML: %s', (source, expected) => {
    expect(renderMarkdown(source)).toContain(expected);
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JavaScript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox)',
    '[x](/relative/path)',
    '[x](//evil.example)',
    '[x](irc://chat.example)',
    '[x]()',
    '[x](<>)',
    '<javascript:alert(1)>',
    '![x](javascript:alert(1))',
    '![x](data:image/png;base64,AAAA)',
    '[x]: javascript:alert(1)\n\n[y][x]',
  ])('makes no link or image of an address that is not http(s) or mailto: %s', (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<a |<img /);
  });

  it('cannot break out of the href attribute', () => {
    const html = renderMarkdown('[x](https://a.example/"onmouseover="alert(1))');
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('href="https://a.example/%22onmouseover=%22alert(1)"');
  });

  it('never emits a tag or an attribute of its own making for any input', () => {
    const allowedTag =
      /^<\/?(p|em|strong|code|pre|h[1-6]|ul|ol|li|blockquote|hr|br|a|img|table|thead|tbody|tr|th|td|s|div|input)\b/;
    const markdownPieces = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '<script>',
      '<img src=x onerror=alert(1)>',
      'javascript:',
      '[',
      '](',
      ')',
      '![',
      '`',
      '*',
      '_',
      '~~',
      '|',
      '- ',
      '\n',
      '\n\n',
      '# ',
      '> ',
      '```',
      'https://a.example',
      'www.b.example',
      'c@d.example',
      'text',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(markdownPieces, { maxLength: 40 }), (pieces) => {
        const html = renderMarkdown(pieces.join(''));
        for (const tag of html.match(/<[^>]*>/g) ?? []) {
          expect(tag).toMatch(allowedTag);
          expect(tag).not.toMatch(/\son[a-z]+=/i);
          const href = /(?:href|src)="([^"]*)"/.exec(tag)?.[1];
          if (href !== undefined) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
        }
      }),
      propertyRuns(300),
    );
  });
});

describe('renderMarkdown: pathological input completes', () => {
  // The old hand-written renderer overflowed the stack on the first and took
  // 14 s on the second. These assert that rendering returns at all; the
  // timings (well under a second for 100 KB) are in the module's doc comment.
  it('5 KB of nested block quotes', () => {
    const html = renderMarkdown('>'.repeat(5_000));
    expect(html).toContain('<blockquote>');
    expect(html.length).toBeLessThan(20_000);
  });

  it('unclosed emphasis, "_a " 33,000 times', () => {
    const html = renderMarkdown('_a '.repeat(33_000));
    expect(html.startsWith('<p>_a _a')).toBe(true);
  });

  it.each([
    ['mixed emphasis markers', '*_'.repeat(50_000)],
    ['nested lists on one line', '> 1. - '.repeat(10_000)],
    ['unclosed brackets', '['.repeat(100_000)],
    ['unclosed code spans', '`a'.repeat(50_000)],
  ])('%s', (_what, source) => {
    expect(renderMarkdown(source).length).toBeGreaterThan(0);
  });
});

describe('safeHref', () => {
  it('normalises http(s) and mailto addresses and refuses everything else', () => {
    expect(safeHref('HTTPS://Example.com/a b')).toBeNull();
    expect(safeHref(' https://example.com ')).toBe('https://example.com/');
    expect(safeHref('mailto:sre@example.com')).toBe('mailto:sre@example.com');
    expect(safeHref('mailto:')).toBeNull();
    expect(safeHref('ftp://example.com')).toBeNull();
    expect(safeHref('https://')).toBeNull();
    expect(safeHref('javascript:alert(1)')).toBeNull();
  });
});

/** A renderer that passes HTML through, as many Markdown viewers do: what `longhaul brag` output may meet. */
const permissive = new MarkdownIt('default', { html: true });

describe('escapeMarkdownText', () => {
  it('writes plain text that renders as itself, on one line', () => {
    const title = 'Fixed <script>alert(1)</script> in *checkout* [v2] & `deploy`_now_ #3 ~~x~~ | a\\b';
    expect(permissive.renderInline(escapeMarkdownText(title))).toBe(permissive.utils.escapeHtml(title));
    expect(escapeMarkdownText('two\nlines')).toBe('two lines');
  });
});

describe('neutraliseMarkdownHtml', () => {
  it.each([
    '<script>alert(1)</script>',
    'Before <img src=x onerror="alert(1)"> after',
    '<div>\n<script>alert(1)</script>\n</div>',
    '> <details>\n> <b>x</b>',
    '- item\n\n  <iframe src="https://evil.example"></iframe>',
    'escaped \\\\<b>twice</b>',
    '<!-- comment -->',
  ])('leaves no HTML for a renderer that passes it through: %s', (source) => {
    const html = permissive.render(neutraliseMarkdownHtml(source));
    expect(html).not.toMatch(/<(script|img|div|details|b|iframe|!--)\b/);
  });

  it('finds HTML nested deeper than our own renderer goes, and escapes all of it when too deep to parse', () => {
    for (const depth of [60, 5_000]) {
      const escaped = neutraliseMarkdownHtml(`${'> '.repeat(depth)}<script>alert(1)</script>`);
      expect(escaped).toContain('\\<script>');
      expect(escaped).not.toMatch(/[^\\]<script>/);
    }
  });

  it('leaves Markdown without HTML exactly as written, code included', () => {
    const source = '# Fix\n\n`a < b` and **bold**\n\n```\nif (a<b) {}\n```\n<https://example.com>';
    expect(neutraliseMarkdownHtml(source)).toBe(source);
  });

  it('keeps code blocks as written when it escapes HTML elsewhere', () => {
    const source = '<b>x</b>\n\n```\nx <b> y\n```';
    expect(neutraliseMarkdownHtml(source)).toBe('\\<b>x\\</b>\n\n```\nx <b> y\n```');
  });

  it('shows the escaped HTML as the text that was written', () => {
    expect(permissive.render(neutraliseMarkdownHtml('a <b>b</b>'))).toBe('<p>a &lt;b&gt;b&lt;/b&gt;</p>\n');
  });
});
