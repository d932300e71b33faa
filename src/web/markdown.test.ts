import { describe, expect, it } from 'vitest';
import { escapeHtml, renderInline, renderMarkdown, safeHref } from './markdown.js';

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
  });

  it('drops closing hashes and needs a space after the opening ones', () => {
    expect(renderMarkdown('## Title ##')).toBe('<h4>Title</h4>');
    expect(renderMarkdown('#hashtag')).toBe('<p>#hashtag</p>');
  });

  it('renders fenced code verbatim, escaped, with a safe language class', () => {
    const source = '```ts\nconst a = 1 < 2 && "x";\n**not bold**\n```';
    expect(renderMarkdown(source)).toBe(
      '<pre><code class="language-ts">const a = 1 &lt; 2 &amp;&amp; &quot;x&quot;;\n**not bold**</code></pre>',
    );
  });

  it('closes a fence only with the same character, at least as long', () => {
    expect(renderMarkdown('````\n```\ninside\n````\nafter')).toBe('<pre><code>```\ninside</code></pre>\n<p>after</p>');
    expect(renderMarkdown('~~~\na\n```\n~~~')).toBe('<pre><code>a\n```</code></pre>');
  });

  it('runs an unclosed fence to the end', () => {
    expect(renderMarkdown('```\nlast')).toBe('<pre><code>last</code></pre>');
  });

  it('strips anything unsafe from the language', () => {
    expect(renderMarkdown('```js"onclick=x\ncode\n```')).toBe(
      '<pre><code class="language-jsonclickx">code</code></pre>',
    );
  });

  it('renders unordered and ordered lists', () => {
    expect(renderMarkdown('- one\n- two\n* three')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n<li>three</li>\n</ul>');
    expect(renderMarkdown('1. first\n2. second')).toBe('<ol>\n<li>first</li>\n<li>second</li>\n</ol>');
    expect(renderMarkdown('3) third\n4) fourth')).toBe('<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>');
  });

  it('nests a list by indentation and joins continuation lines', () => {
    expect(renderMarkdown('- parent\n  - child\n  - child two\n- next\n  more text')).toBe(
      '<ul>\n<li>parent\n<ul>\n<li>child</li>\n<li>child two</li>\n</ul></li>\n<li>next\nmore text</li>\n</ul>',
    );
  });

  it('ends a paragraph where a list starts, and a list at a blank line', () => {
    expect(renderMarkdown('Done:\n- a\n\nAfter')).toBe('<p>Done:</p>\n<ul>\n<li>a</li>\n</ul>\n<p>After</p>');
  });

  it('renders block quotes and rules', () => {
    expect(renderMarkdown('> quoted *text*\n> more\n\n---')).toBe(
      '<blockquote><p>quoted <em>text</em>\nmore</p></blockquote>\n<hr>',
    );
  });
});

describe('renderMarkdown: inline', () => {
  it.each([
    ['*em* and _em_', '<em>em</em> and <em>em</em>'],
    ['**strong** and __strong__', '<strong>strong</strong> and <strong>strong</strong>'],
    ['***both***', '<strong><em>both</em></strong>'],
    ['*a **b** c*', '<em>a <strong>b</strong> c</em>'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['2 * 3 * 4', '2 * 3 * 4'],
    ['* not emphasis*', '* not emphasis*'],
    ['`a < b`', '<code>a &lt; b</code>'],
    ['``code with ` tick``', '<code>code with ` tick</code>'],
    ['`*not em*`', '<code>*not em*</code>'],
    ['unclosed `tick', 'unclosed `tick'],
    ['\\*literal\\*', '*literal*'],
  ])('%s', (source, expected) => {
    expect(renderInline(source)).toBe(expected);
  });

  it('renders http and https links with rel noopener', () => {
    expect(renderInline('[the PR](https://example.com/pr/1?a=1&b=2)')).toBe(
      '<a href="https://example.com/pr/1?a=1&amp;b=2" rel="noopener noreferrer">the PR</a>',
    );
    expect(renderInline('[*docs*](http://example.com "Title")')).toBe(
      '<a href="http://example.com/" rel="noopener noreferrer"><em>docs</em></a>',
    );
  });

  it('keeps brackets that are not links as text', () => {
    expect(renderInline('[not a link] and [x]')).toBe('[not a link] and [x]');
  });
});

describe('renderMarkdown: safety', () => {
  it.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>'],
    ['# <b>bold</b>', '<h3>&lt;b&gt;bold&lt;/b&gt;</h3>'],
    ['- <i>x</i>', '<ul>\n<li>&lt;i&gt;x&lt;/i&gt;</li>\n</ul>'],
    ["it's & that", '<p>it&#39;s &amp; that</p>'],
  ])('escapes HTML: %s', (source, expected) => {
    expect(renderMarkdown(source)).toBe(expected);
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JavaScript:alert(1))',
    '[x]( javascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '[x](vbscript:msgbox)',
    '[x](/relative/path)',
    '[x](//evil.example)',
    '[x](mailto:a@b.c)',
  ])('keeps only the text of a link that is not http(s): %s', (source) => {
    const html = renderMarkdown(source);
    expect(html).toBe('<p>x</p>');
  });

  it('cannot break out of the href attribute', () => {
    const html = renderMarkdown('[x](https://a.example/"onmouseover="alert(1))');
    expect(html).not.toContain('"onmouseover');
    expect(html).toContain('href="https://a.example/%22onmouseover=%22alert(1)"');
  });

  it('never emits a tag it did not create', () => {
    const tags = renderMarkdown('<div>*a*</div>\n\n<a href="javascript:x">y</a> [z](https://ok.example)').match(
      /<[a-z][^>]*>/g,
    );
    expect(tags).toEqual(['<p>', '<em>', '<p>', '<a href="https://ok.example/" rel="noopener noreferrer">']);
  });
});

describe('safeHref', () => {
  it('normalises http(s) addresses and refuses everything else', () => {
    expect(safeHref('HTTPS://Example.com/a b')).toBeNull();
    expect(safeHref(' https://example.com ')).toBe('https://example.com/');
    expect(safeHref('ftp://example.com')).toBeNull();
    expect(safeHref('https://')).toBeNull();
  });
});

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
