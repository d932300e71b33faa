import { createHash } from 'node:crypto';
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OperationMethod } from './openapi.js';

/*
 * The API reference as one server-rendered HTML page: no script, no CDN, no
 * external asset. Rendered from the OpenAPI document, so it says exactly what
 * /api/openapi.json says.
 */

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const METHODS: readonly OperationMethod[] = ['get', 'post', 'patch', 'delete'];

const STYLE = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6472; --bg: #fdfdfc; --panel: #f1f3f5; --line: #d9dde3; --accent: #1d5fbf; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8eb; --muted: #a3abb8; --bg: #14171c; --panel: #1e232b; --line: #333a45; --accent: #7fb0ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
header, main, footer { max-width: 64rem; margin: 0 auto; padding: 1rem 1.5rem; }
header { border-bottom: 1px solid var(--line); }
h1 { margin: .5rem 0; font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { margin: 0; font-size: 1.1rem; } h4 { margin: 1rem 0 .25rem; font-size: .95rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
code, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: .9em; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
nav ul { columns: 2 18rem; padding-left: 1.2rem; } nav li { break-inside: avoid; }
.operation { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
.method { display: inline-block; min-width: 4.2rem; text-align: center; font-weight: 700; font-size: .8rem; padding: .15rem .4rem; border-radius: 4px; margin-right: .5rem; background: var(--panel); border: 1px solid var(--line); }
.notice { background: var(--panel); border-left: 4px solid var(--accent); padding: .5rem 1rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
ul.props { list-style: none; padding-left: 1rem; border-left: 2px solid var(--line); margin: .25rem 0; }
.type { color: var(--muted); } .req { font-size: .8rem; font-weight: 600; }
code, td, th, h3 { overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  header, main, footer { padding: 1rem; }
  .operation { padding: .75rem; }
  table, tbody, tr, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border-bottom: 1px solid var(--line); padding: .35rem 0; }
  td { border: 0; padding: .1rem 0; }
  td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
}
`;

/** The CSP hash of the page's one inline style sheet, so the policy allows it and nothing else inline. */
export const DOCS_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** Renders the whole reference; `origin` (like http://127.0.0.1:4100) goes into the curl examples. */
export function renderDocsPage(doc: OpenApiDocument, origin: string): string {
  const sections: string[] = [];
  const nav: string[] = [];
  for (const tag of doc.tags) {
    const operations = operationsOf(doc).filter((o) => o.operation.tags.includes(tag.name));
    if (operations.length === 0) continue;
    nav.push(
      `<li><a href="#tag-${escapeHtml(tag.name)}">${escapeHtml(tag.name)}</a><ul>${operations
        .map(
          (o) =>
            `<li><a href="#${escapeHtml(o.operation.operationId)}"><code>${o.method.toUpperCase()} ${escapeHtml(o.path)}</code></a></li>`,
        )
        .join('')}</ul></li>`,
    );
    sections.push(
      `<section aria-labelledby="tag-${escapeHtml(tag.name)}"><h2 id="tag-${escapeHtml(tag.name)}">${escapeHtml(tag.name)}</h2><p>${escapeHtml(tag.description)}</p>${operations
        .map((o) => renderOperation(doc, o.method, o.path, o.operation, origin))
        .join('\n')}</section>`,
    );
  }
  const schemas = Object.entries(doc.components.schemas)
    .map(
      ([name, schema]) =>
        `<section class="operation" aria-labelledby="schema-${escapeHtml(name)}"><h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3>${renderSchema(schema, 0)}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}: reference</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#content">Skip to the reference</a>
<header>
<h1>${escapeHtml(doc.info.title)} <small class="type">${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.summary)}</p>
${doc.info.description
  .split('\n\n')
  .map((p, i) => `<p${i === 1 ? ' class="notice"' : ''}>${inlineCode(p)}</p>`)
  .join('\n')}
<p>Machine-readable: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI ${escapeHtml(doc.openapi)}).
Errors always look like <a href="#schema-Error"><code>Error</code></a>.</p>
</header>
<main id="content">
<nav aria-label="Operations"><h2>Operations</h2><ul>${nav.join('')}<li><a href="#schemas">Schemas</a></li></ul></nav>
${sections.join('\n')}
<section aria-labelledby="schemas"><h2 id="schemas">Schemas</h2>
${schemas}
</section>
</main>
<footer><p class="type">Generated from the server's route table and its zod contract.</p></footer>
</body>
</html>
`;
}

function operationsOf(doc: OpenApiDocument) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation === undefined ? [] : [{ method, path, operation }];
    }),
  );
}

function renderOperation(
  doc: OpenApiDocument,
  method: OperationMethod,
  path: string,
  op: OpenApiOperation,
  origin: string,
): string {
  const parts = [
    `<article class="operation" aria-labelledby="${escapeHtml(op.operationId)}">`,
    `<h3 id="${escapeHtml(op.operationId)}"><span class="method">${method.toUpperCase()}</span><code>${escapeHtml(path)}</code></h3>`,
    `<p><strong>${escapeHtml(op.summary)}.</strong> ${op.description === undefined ? '' : inlineCode(op.description)}</p>`,
  ];
  if (op.parameters !== undefined && op.parameters.length > 0) {
    parts.push(
      '<h4>Parameters</h4><table><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">description</th></tr></thead><tbody>',
      ...op.parameters.map(
        (p) =>
          `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td data-label="in">${p.in}</td><td data-label="type">${renderSchema(p.schema, 1)}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
      ),
      '</tbody></table>',
    );
  }
  const body = op.requestBody?.content['application/json'];
  if (body !== undefined) {
    // The body is what a reader writes: shown in full here, not only as a link to its schema.
    const ref = typeof body.schema.$ref === 'string' ? body.schema.$ref.replace('#/components/schemas/', '') : null;
    const resolved = ref === null ? body.schema : (doc.components.schemas[ref] ?? body.schema);
    parts.push(
      `<h4>Request body (application/json${ref === null ? '' : `, ${renderSchema(body.schema, 0)}`})</h4>`,
      renderSchema(resolved, 0),
    );
  }
  parts.push(
    '<h4>Responses</h4><table><thead><tr><th scope="col">status</th><th scope="col">body</th></tr></thead><tbody>',
  );
  for (const [status, response] of Object.entries(op.responses)) {
    const content = Object.entries(response.content ?? {})
      .map(([type, media]) => `<code>${escapeHtml(type)}</code>: ${renderSchema(media.schema, 1)}`)
      .join('');
    parts.push(
      `<tr><td data-label="status"><code>${escapeHtml(status)}</code></td><td>${inlineCode(response.description)} ${content}</td></tr>`,
    );
  }
  parts.push(
    '</tbody></table>',
    '<h4>Example</h4>',
    `<pre><code>${escapeHtml(curlFor(method, path, op, origin))}</code></pre>`,
  );
  parts.push('</article>');
  return parts.join('\n');
}

/** A curl command a reader can paste: placeholders for path parameters, the example body when there is one. */
export function curlFor(method: OperationMethod, path: string, op: OpenApiOperation, origin: string): string {
  const url = origin + path.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => `\${${screaming(name)}}`);
  const required = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required);
  const query = required.length === 0 ? '' : `?${required.map((p) => `${p.name}=\${${screaming(p.name)}}`).join('&')}`;
  const words = ['curl', '-sS'];
  if (method !== 'get') words.push('-X', method.toUpperCase());
  words.push(`"${url}${query}"`);
  const media = op.requestBody?.content['application/json'];
  if (media !== undefined) {
    const example = JSON.stringify(media.example ?? {});
    words.push('-H', "'content-type: application/json'", '-d', `'${example.replace(/'/g, "'\\''")}'`);
  }
  return words.join(' ');
}

function screaming(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Text with `code` spans, escaped. */
function inlineCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const MAX_DEPTH = 6;

/** A JSON Schema as nested lists: property, type, whether required, description. */
export function renderSchema(schema: JsonSchema, depth: number): string {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    return `<a href="#schema-${escapeHtml(name)}"><code>${escapeHtml(name)}</code></a>`;
  }
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties !== undefined && depth < MAX_DEPTH) {
    const required = new Set((schema.required ?? []) as string[]);
    const items = Object.entries(properties).map(([name, property]) => {
      const description = typeof property.description === 'string' ? ` ${inlineCode(property.description)}` : '';
      return `<li><code>${escapeHtml(name)}</code> ${typeOf(property, depth + 1)}${required.has(name) ? ' <span class="req">required</span>' : ''}${description}</li>`;
    });
    const extra = schema.additionalProperties === false ? '' : '<li class="type">other fields allowed</li>';
    return `<span class="type">object</span><ul class="props">${items.join('')}${properties === undefined ? '' : extra}</ul>`;
  }
  return typeOf(schema, depth);
}

function typeOf(schema: JsonSchema, depth: number): string {
  if (typeof schema.$ref === 'string' || (schema.properties !== undefined && depth < MAX_DEPTH)) {
    return renderSchema(schema, depth);
  }
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives !== undefined) {
    return alternatives.map((alt) => typeOf(alt, depth)).join(' <span class="type">or</span> ');
  }
  if (schema.const !== undefined) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum)) {
    return `<span class="type">one of</span> ${schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(', ')}`;
  }
  const type = schema.type;
  if (type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    return `<span class="type">array of</span> ${typeOf(items, depth + 1)}`;
  }
  if (type === 'object' && typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
    return `<span class="type">map of string to</span> ${typeOf(schema.additionalProperties as JsonSchema, depth + 1)}`;
  }
  const names = Array.isArray(type) ? type.map(String) : type === undefined ? ['any'] : [String(type)];
  const facets: string[] = [];
  if (typeof schema.pattern === 'string') facets.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
  if (typeof schema.minLength === 'number' && schema.minLength > 0)
    facets.push(`at least ${schema.minLength} ${schema.minLength === 1 ? 'character' : 'characters'}`);
  return `<span class="type">${escapeHtml(names.join(' or '))}</span>${facets.length > 0 ? ` <span class="type">(${facets.join(', ')})</span>` : ''}`;
}
