/**
 * Safe-by-default HTML for the static site. Every value interpolated into the
 * `html` template is escaped unless it is itself the result of `html`, so ladder
 * text can never become markup by accident: forgetting to escape is impossible,
 * only deliberately trusting markup is.
 */

/** Markup that has been built by `html` (or explicitly trusted) and is inserted as is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may appear inside `${}` in an `html` template; nothing, false and null render as nothing. */
export type HtmlValue = Html | string | number | false | null | undefined | readonly HtmlValue[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** The template tag for markup: literal parts are trusted, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Marks a string as markup. Only for text this module's callers wrote themselves, never for ladder text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/**
 * The relative URL from one generated file to another (both relative POSIX
 * paths from the site root), so links work from file:// wherever the folder is.
 */
export function relativeHref(from: string, to: string): string {
  const fromDirs = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common += 1;
  return [...fromDirs.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

/** Splits prose into paragraphs at blank lines, so a YAML block scalar keeps its paragraphs. */
export function paragraphs(text: string | undefined, className?: string): Html {
  if (text === undefined) return html``;
  const parts = text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return html`${parts.map((part) => html`<p${className === undefined ? '' : html` class="${className}"`}>${part}</p>`)}`;
}
