import type { Kysely } from 'kysely';
import type { Ladder } from '../core/ladder.js';
import { escapeMarkdownText, neutraliseMarkdownHtml, safeHref } from '../shared/markdown.js';
import type { Database, PersonRow } from '../store/schema.js';
import { findAllEvidence, type Evidence } from './evidence.service.js';

/** A brag document: a person's evidence grouped by the competency it shows, ready for a review. */
export interface BragDocument {
  person: { id: string; name: string };
  ladder: { id: string; hash: string; title: string };
  since: string | null;
  generatedOn: string;
  groups: { competency: { id: string; title: string; category: string }; evidence: Evidence[] }[];
  total: number;
}

/**
 * Groups evidence by competency in ladder order. Evidence that supports
 * several competencies appears under each, because a reviewer reads by
 * competency; `total` counts each piece once.
 */
export async function buildBragDocument(
  db: Kysely<Database>,
  ladder: Ladder,
  person: PersonRow,
  options: { since?: string; today: string },
): Promise<BragDocument> {
  const evidence = await findAllEvidence(db, ladder, person.id, { since: options.since });
  return composeBragDocument(ladder, person, evidence, options);
}

/**
 * The grouping of buildBragDocument over evidence already read, so a client
 * that reads the evidence over the API (the CLI logged in to a server) builds
 * the very same document.
 */
export function composeBragDocument(
  ladder: Ladder,
  person: { id: string; name: string },
  evidence: readonly Evidence[],
  options: { since?: string; today: string },
): BragDocument {
  const groups = ladder.competencies
    .map((competency) => ({
      competency: { id: competency.id, title: competency.title, category: competency.category },
      evidence: evidence.filter((e) => e.competencyIds.includes(competency.id)),
    }))
    .filter((group) => group.evidence.length > 0);
  return {
    person: { id: person.id, name: person.name },
    ladder: { id: ladder.id, hash: ladder.hash, title: ladder.title },
    since: options.since ?? null,
    generatedOn: options.today,
    groups,
    total: evidence.length,
  };
}

/**
 * Renders a brag document as Markdown to paste into a review. Names and
 * titles are plain text and are escaped to read as written; bodies keep their
 * Markdown, but any HTML in them (or anywhere) is escaped, so the document
 * shows it as text and runs nothing, whichever viewer it is pasted into.
 */
export function renderBragMarkdown(doc: BragDocument): string {
  const period = doc.since === null ? `up to ${doc.generatedOn}` : `${doc.since} to ${doc.generatedOn}`;
  const lines = [
    `# ${escapeMarkdownText(doc.person.name)}: evidence, ${period}`,
    '',
    `Ladder: ${escapeMarkdownText(doc.ladder.title)} (${doc.ladder.hash.slice(0, 12)}). ${doc.total} ${doc.total === 1 ? 'piece' : 'pieces'} of evidence.`,
  ];
  if (doc.groups.length === 0) {
    lines.push('', 'No evidence in this period yet. Log some with `longhaul log "TITLE" --kind KIND --competency ID`.');
  }
  for (const group of doc.groups) {
    lines.push('', `## ${escapeMarkdownText(group.competency.title)}`, '');
    for (const e of group.evidence) {
      const links = e.links.length > 0 ? ` (${e.links.map((url, i) => linkMarkdown(url, i)).join(', ')})` : '';
      lines.push(`- **${e.date}**, ${e.kind}: ${escapeMarkdownText(e.title)}${links}`);
      if (e.body.trim() !== '')
        lines.push(
          ...e.body
            .trim()
            .split(/\r?\n/)
            .map((line) => `  ${line}`),
        );
    }
  }
  return `${neutraliseMarkdownHtml(lines.join('\n'))}\n`;
}

/** A link of a piece of evidence, numbered; an address that is not http(s) is shown as text, not linked. */
function linkMarkdown(url: string, index: number): string {
  const href = safeHref(url);
  if (href === null) return escapeMarkdownText(url);
  // The normalised address has no spaces; with its parentheses encoded too, nothing in it can end the link early.
  return `[link ${index + 1}](${href.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}
