/**
 * A small, safe Markdown renderer for evidence bodies. It knows paragraphs,
 * headings, emphasis, inline code, fenced code blocks, lists (nested by
 * indentation), block quotes, rules and links, and nothing else: every
 * character of the source that is not Markdown syntax is HTML-escaped, and a
 * link is kept only when it points at an http(s) address. The output is
 * therefore safe to place with innerHTML. A library would do more; this one is
 * a few hundred lines we can read in full, and it keeps the bundle small.
 */

/** How the rendered HTML should fit into the page around it. */
export interface MarkdownOptions {
  /**
   * The heading level a "#" heading becomes, so a body's headings sit below
   * the page's own; deeper headings follow and stop at h6. Defaults to 3.
   */
  headingBase?: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five characters that are special in HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The address to link to, or null when the link is not http(s) (javascript:,
 * data:, relative paths and the like are dropped, keeping the link's text).
 */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed) || /[\s\p{Cc}]/u.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Renders Markdown to an HTML string in which all source HTML is escaped. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  const headingBase = Math.min(6, Math.max(1, Math.trunc(options.headingBase ?? 3)));
  return renderBlocks(lines, headingBase);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ ]+(.*?))?(?:[ ]+#+)?[ ]*$/;
const RULE = /^ {0,3}([-*_])(?:[ ]*\1){2,}[ ]*$/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])[ ]+(.*)$/;

/** Whether a line starts a block other than a paragraph, which ends the paragraph before it. */
function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
}

function renderBlocks(lines: readonly string[], headingBase: number): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i += 1;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence !== null) {
      const marker = fence[1] ?? '```';
      const language = (fence[2] ?? '').replace(/[^A-Za-z0-9_+-]/g, '');
      const body: string[] = [];
      i += 1;
      while (i < lines.length) {
        const current = lines[i] ?? '';
        const closing = current.trim();
        if (/^(`+|~+)$/.test(closing) && closing[0] === marker[0] && closing.length >= marker.length) {
          i += 1;
          break;
        }
        body.push(current);
        i += 1;
      }
      const attribute = language === '' ? '' : ` class="language-${language}"`;
      out.push(`<pre><code${attribute}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading !== null) {
      const level = Math.min(6, headingBase + (heading[1] ?? '#').length - 1);
      out.push(`<h${level}>${renderInline(heading[2] ?? '')}</h${level}>`);
      i += 1;
      continue;
    }

    if (RULE.test(line)) {
      out.push('<hr>');
      i += 1;
      continue;
    }

    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length) {
        const match = QUOTE.exec(lines[i] ?? '');
        if (match === null) break;
        quoted.push(match[1] ?? '');
        i += 1;
      }
      out.push(`<blockquote>${renderBlocks(quoted, headingBase)}</blockquote>`);
      continue;
    }

    if (LIST_ITEM.test(line)) {
      const block: string[] = [];
      while (i < lines.length) {
        const current = lines[i] ?? '';
        if (current.trim() === '') {
          // A blank line ends the list unless the list carries on after it.
          const next = lines[i + 1] ?? '';
          if (LIST_ITEM.test(next) || (/^ {2,}\S/.test(next) && block.length > 0)) {
            i += 1;
            continue;
          }
          break;
        }
        if (block.length > 0 && !LIST_ITEM.test(current) && !/^ {2,}/.test(current) && startsBlock(current)) break;
        block.push(current);
        i += 1;
      }
      out.push(renderList(block, headingBase));
      continue;
    }

    const paragraph: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? '';
      if (current.trim() === '' || startsBlock(current)) break;
      paragraph.push(current.trim());
      i += 1;
    }
    out.push(`<p>${renderInline(paragraph.join('\n'))}</p>`);
  }
  return out.join('\n');
}

interface ListItem {
  text: string[];
  children: string[];
}

/**
 * Renders consecutive list lines. Items at the list's own indentation start
 * new items; deeper lines belong to the item above, and a deeper marker
 * starts a nested list.
 */
function renderList(lines: readonly string[], headingBase: number): string {
  const first = LIST_ITEM.exec(lines[0] ?? '');
  const baseIndent = first?.[1]?.length ?? 0;
  const ordered = /\d/.test(first?.[2] ?? '');
  const startNumber = ordered ? Number.parseInt(first?.[2] ?? '1', 10) : 1;
  const items: ListItem[] = [];
  for (const line of lines) {
    const match = LIST_ITEM.exec(line);
    const indent = match?.[1]?.length ?? line.length - line.trimStart().length;
    const current = items[items.length - 1];
    if (match !== null && indent <= baseIndent + 1) {
      items.push({ text: [match[3] ?? ''], children: [] });
    } else if (current === undefined) {
      items.push({ text: [line.trim()], children: [] });
    } else if (match !== null || current.children.length > 0) {
      current.children.push(line.slice(Math.min(indent, baseIndent + 2)));
    } else {
      current.text.push(line.trim());
    }
  }
  const tag = ordered ? 'ol' : 'ul';
  const start = ordered && startNumber !== 1 ? ` start="${startNumber}"` : '';
  const body = items
    .map((item) => {
      const nested = item.children.length > 0 ? `\n${renderBlocks(item.children, headingBase)}` : '';
      return `<li>${renderInline(item.text.join('\n'))}${nested}</li>`;
    })
    .join('\n');
  return `<${tag}${start}>\n${body}\n</${tag}>`;
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** Renders the inline syntax of one block: code spans, links, emphasis and escapes. */
export function renderInline(text: string): string {
  let out = '';
  let plain = '';
  const flush = () => {
    out += escapeHtml(plain);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';

    if (c === '\\' && PUNCTUATION.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
      continue;
    }

    if (c === '`') {
      const run = /^`+/.exec(text.slice(i))?.[0] ?? '`';
      const close = findClosingBackticks(text, i + run.length, run.length);
      if (close === -1) {
        plain += run;
        i += run.length;
        continue;
      }
      flush();
      let code = text.slice(i + run.length, close).replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ')) code = code.slice(1, -1);
      out += `<code>${escapeHtml(code)}</code>`;
      i = close + run.length;
      continue;
    }

    if (c === '[') {
      const link = parseLink(text, i);
      if (link !== null) {
        flush();
        const label = renderInline(link.label);
        const href = safeHref(link.destination);
        out += href === null ? label : `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${label}</a>`;
        i = link.end;
        continue;
      }
    }

    if (c === '*' || c === '_') {
      const emphasis = parseEmphasis(text, i);
      if (emphasis !== null) {
        flush();
        const tag = emphasis.strong ? 'strong' : 'em';
        out += `<${tag}>${renderInline(emphasis.inner)}</${tag}>`;
        i = emphasis.end;
        continue;
      }
      const run = c === '*' ? (/^\*+/.exec(text.slice(i))?.[0] ?? c) : (/^_+/.exec(text.slice(i))?.[0] ?? c);
      plain += run;
      i += run.length;
      continue;
    }

    plain += c;
    i += 1;
  }
  flush();
  return out;
}

function findClosingBackticks(text: string, from: number, length: number): number {
  let i = from;
  while (i < text.length) {
    const at = text.indexOf('`', i);
    if (at === -1) return -1;
    const run = /^`+/.exec(text.slice(at))?.[0].length ?? 1;
    if (run === length) return at;
    i = at + run;
  }
  return -1;
}

/** Parses `[label](destination)` at `start`, allowing balanced brackets inside the label. */
function parseLink(text: string, start: number): { label: string; destination: string; end: number } | null {
  let depth = 0;
  let i = start;
  for (; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (c === '[') depth += 1;
    if (c === ']') {
      depth -= 1;
      if (depth === 0) break;
    }
  }
  if (depth !== 0 || text[i + 1] !== '(') return null;
  // The address may hold balanced parentheses, as Wikipedia's often do.
  let closeParen = -1;
  let parens = 0;
  for (let j = i + 2; j < text.length; j += 1) {
    if (text[j] === '(') parens += 1;
    if (text[j] === ')') {
      if (parens === 0) {
        closeParen = j;
        break;
      }
      parens -= 1;
    }
  }
  if (closeParen === -1) return null;
  let destination = text.slice(i + 2, closeParen).trim();
  // An optional title after the address is dropped: we do not render titles.
  const titled = /^(\S+)\s+(?:"[^"]*"|'[^']*')$/.exec(destination);
  if (titled !== null) destination = titled[1] ?? '';
  if (destination.startsWith('<') && destination.endsWith('>')) destination = destination.slice(1, -1);
  return { label: text.slice(start + 1, i), destination, end: closeParen + 1 };
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Parses `**strong**`, `__strong__`, `*em*` or `_em_` at `start`. The inner
 * text may not begin or end with a space, and underscores inside words
 * (snake_case) are not emphasis.
 */
function parseEmphasis(text: string, start: number): { strong: boolean; inner: string; end: number } | null {
  const c = text[start] ?? '';
  if (c === '_' && WORD.test(text[start - 1] ?? '')) return null;
  for (const width of [2, 1]) {
    const delimiter = c.repeat(width);
    if (text.slice(start, start + width) !== delimiter) continue;
    if (width === 1 && text[start + 1] === c) continue;
    const innerStart = start + width;
    if (/\s/.test(text[innerStart] ?? ' ')) continue;
    let search = innerStart + 1;
    while (search <= text.length) {
      let at = text.indexOf(delimiter, search);
      if (at === -1) break;
      // In a longer closing run (`***`), close with its last characters so the rest nests inside.
      if (width === 2) while (text[at + width] === c) at += 1;
      const before = text[at - 1] ?? '';
      const after = text[at + width] ?? '';
      const escaped = before === '\\';
      const partOfLonger = width === 1 && (after === c || before === c);
      const intraword = c === '_' && WORD.test(after);
      if (!escaped && !partOfLonger && !intraword && !/\s/.test(before)) {
        return { strong: width === 2, inner: text.slice(innerStart, at), end: at + width };
      }
      search = at + 1;
    }
  }
  return null;
}
