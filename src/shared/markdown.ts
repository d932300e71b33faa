/**
 * The one Markdown renderer of Longhaul, for the web app and the static site:
 * CommonMark with GitHub's tables, strikethrough, task lists and autolinks,
 * parsed by markdown-it. It is pure (no DOM, no Node I/O), so any layer that
 * renders text can import it.
 *
 * Why markdown-it and not micromark: both are maintained CommonMark parsers,
 * but micromark (4.0) takes quadratic time on runs of mixed emphasis markers
 * (`*_` repeated 10,000 times: seconds) and on thousands of nested block
 * quotes or lists on one line, while markdown-it stays linear on all of them
 * and caps nesting (`maxNesting`): 100 KB of any of those renders in well under
 * a second. src/shared/markdown.test.ts runs the worst of them.
 *
 * Safety: raw HTML is off (`html: false`), so every `<` of the source reaches
 * the page as `&lt;`; links keep only http(s) and mailto addresses, images only
 * http(s) ones. The output is safe to place with innerHTML.
 */
import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

/** How the rendered HTML should fit into the page around it. */
export interface MarkdownOptions {
  /**
   * The heading level a "#" heading becomes, so a body's headings sit below
   * the page's own; deeper headings follow and stop at h6. Defaults to 3.
   */
  headingBase?: number;
}

/** What a render passes to the renderer's rules. */
type RenderEnv = { headingBase: number };

/**
 * The address to link to, normalised, or null when it is not an absolute
 * http(s) or mailto address: javascript:, data:, relative paths and the like
 * are refused. Used for lists of links as well as for links in Markdown.
 */
export function safeHref(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^(?:https?:\/\/|mailto:)/i.test(trimmed) || /[\s\p{Cc}]/u.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'mailto:') return url.pathname === '' ? null : url.href;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname === '' ? null : url.href;
  } catch {
    return null;
  }
}

/** Whether an address may be an image's source: http(s) only. */
function safeImageSource(raw: string): string | null {
  const href = safeHref(raw);
  return href === null || href.startsWith('mailto:') ? null : href;
}

/** The renderer: CommonMark plus tables and strikethrough (the preset), autolinks, and task lists below. */
const markdown = new MarkdownIt('default', {
  html: false,
  linkify: true,
  typographer: false,
  // markdown-it's own bound: what sits deeper than 100 nested quotes, lists or emphases is left
  // out, which no one writes and which keeps the cost of hostile input down.
  maxNesting: 100,
});
// A link that is not http(s) or mailto is not parsed as a link: it shows as the text that was written.
markdown.validateLink = (url) => safeHref(url) !== null;
// Bare addresses are found (linkify-it leaves them out by default), then only www. ones kept.
markdown.linkify.set({ fuzzyLink: true });
markdown.core.ruler.after('linkify', 'safe-links', keepSafeLinks);
markdown.core.ruler.after('inline', 'task-lists', markTaskLists);
markdown.core.ruler.push('code-languages', cleanCodeLanguages);

const rules = markdown.renderer.rules;
const renderToken: NonNullable<(typeof rules)['text']> = (tokens, index, options, _env, self) =>
  self.renderToken(tokens, index, options);

rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet('rel', 'noopener noreferrer');
  return renderToken(tokens, index, options, env, self);
};

rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const source = safeImageSource(String(token?.attrGet('src') ?? ''));
  if (token === undefined || source === null) {
    // Not an image we load: its description, as text.
    return markdown.utils.escapeHtml(self.renderInlineAsText(token?.children ?? [], options, env));
  }
  token.attrSet('src', source);
  token.attrSet('alt', self.renderInlineAsText(token.children ?? [], options, env));
  token.attrSet('loading', 'lazy');
  return self.renderToken(tokens, index, options);
};

const shiftHeading: NonNullable<(typeof rules)['text']> = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const base = (env as Partial<RenderEnv>).headingBase ?? 3;
  if (token !== undefined) {
    const level = Number(token.tag.slice(1));
    token.tag = `h${Math.min(6, base + level - 1)}`;
  }
  return renderToken(tokens, index, options, env, self);
};
rules.heading_open = shiftHeading;
rules.heading_close = shiftHeading;

rules.table_open = (tokens, index, options, env, self) =>
  `<div class="table-scroll">${renderToken(tokens, index, options, env, self)}`;
rules.table_close = (tokens, index, options, env, self) => `${renderToken(tokens, index, options, env, self)}</div>`;

rules.task_checkbox = (tokens, index) => {
  const done = tokens[index]?.meta?.['done'] === true;
  return `<input type="checkbox" disabled${done ? ' checked' : ''} aria-label="${done ? 'Done' : 'Not done'}"> `;
};

/**
 * Unwraps the links we do not keep, leaving their text: an empty address
 * (`[x]()`, which markdown-it accepts without asking `validateLink`), and the
 * bare-word autolinks GitHub does not make (`readme.md` is a file name, not a
 * website in Moldova; www., http(s):// and e-mail addresses stay links).
 */
function keepSafeLinks(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.children;
    if (block.type !== 'inline' || children === null) continue;
    // Links do not nest, so a dropped opening tag pairs with the next closing one.
    let dropping = false;
    block.children = children.filter((token, i) => {
      if (token.type === 'link_close') return !dropping;
      if (token.type !== 'link_open') return true;
      const text = children[i + 1]?.content ?? '';
      const unsafe = safeHref(String(token.attrGet('href') ?? '')) === null;
      const bareWord = token.markup === 'linkify' && !/^(?:https?:\/\/|www\.|mailto:)|@/i.test(text);
      dropping = unsafe || bareWord;
      return !dropping;
    });
  }
}

/** Keeps a code block's language to the characters a language name uses, so its class attribute holds only that. */
function cleanCodeLanguages(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type === 'fence') token.info = (token.info.trim().split(/\s/)[0] ?? '').replace(/[^\w+#.-]/g, '');
  }
}

/**
 * Turns list items that start with `[ ]` or `[x]` into task list items: the
 * marker becomes a read-only checkbox, as on GitHub.
 */
function markTaskLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i += 1) {
    const inline = tokens[i];
    if (inline?.type !== 'inline' || tokens[i - 1]?.type !== 'paragraph_open') continue;
    const item = tokens[i - 2];
    if (item?.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const marker = first?.type === 'text' ? /^\[([ xX])\](?: |$)/.exec(first.content) : null;
    if (first === undefined || marker === null || inline.children === null) continue;
    first.content = first.content.slice(marker[0].length);
    const checkbox: Token = new state.Token('task_checkbox', '', 0);
    checkbox.meta = { done: marker[1] !== ' ' };
    inline.children.unshift(checkbox);
    item.attrJoin('class', 'task-list-item');
  }
}

/**
 * Renders Markdown to HTML that is safe to place with innerHTML: no HTML of
 * the source survives (it shows as text), links keep only http(s) and mailto
 * addresses (any other stays as written, as text), images only http(s) ones
 * (any other shows its description).
 */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  const env: RenderEnv = { headingBase: Math.min(6, Math.max(1, Math.trunc(options.headingBase ?? 3))) };
  return markdown.render(source, env).trim();
}

/**
 * Writes plain text (a title, a name) into Markdown so that it reads as the
 * same text: every character Markdown would treat as syntax or HTML is
 * backslash-escaped, and line breaks become spaces so the text stays on its line.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>&~|!#]/g, '\\$&');
}

/**
 * A parser that sees raw HTML, to find it, however deep: another viewer may
 * nest further than our renderer does. Nesting deep enough to exhaust the
 * stack is caught, and then every `<` is escaped.
 */
const htmlFinder = new MarkdownIt('default', { html: true, linkify: false, maxNesting: Number.MAX_SAFE_INTEGER });

/** How many passes `neutraliseMarkdownHtml` makes before it escapes every `<`. */
const MAX_PASSES = 4;

/**
 * Rewrites Markdown written by people (an evidence body) so that no
 * CommonMark renderer finds raw HTML in it, not even one that passes HTML
 * through: when the text holds HTML, every `<` outside code blocks is
 * backslash-escaped and shows as itself. Code blocks and the rest of the
 * Markdown are left as written. Escaping can move where a code block ends,
 * so the text is checked again, and after a few passes (or when the text
 * nests too deep to parse) every `<` is escaped.
 */
export function neutraliseMarkdownHtml(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const scan = scanForHtml(current);
    if (scan === null) return escapeAngles(current);
    if (!scan.hasHtml) return current;
    current = current
      .split('\n')
      .map((line, i) => (scan.codeLines.has(i) ? line : escapeAngles(line)))
      .join('\n');
  }
  return scanForHtml(current)?.hasHtml === false ? current : escapeAngles(current);
}

/** Whether a text holds raw HTML, and which of its lines are in code blocks; null when it nests too deep to parse. */
function scanForHtml(text: string): { hasHtml: boolean; codeLines: Set<number> } | null {
  const codeLines = new Set<number>();
  let hasHtml = false;
  let tokens: Token[];
  try {
    tokens = htmlFinder.parse(text, {});
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  for (const token of tokens) {
    if (token.type === 'html_block') hasHtml = true;
    if (token.type === 'inline' && token.children?.some((child) => child.type === 'html_inline') === true)
      hasHtml = true;
    if ((token.type === 'fence' || token.type === 'code_block') && token.map !== null) {
      for (let line = token.map[0]; line < token.map[1]; line += 1) codeLines.add(line);
    }
  }
  return { hasHtml, codeLines };
}

/** Backslash-escapes every `<` that is not escaped already (preceded by an odd number of backslashes). */
function escapeAngles(text: string): string {
  return text.replace(/(\\*)</g, (match, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\<` : match));
}
