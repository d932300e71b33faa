import { useMemo } from 'react';
import { renderMarkdown } from '../markdown.js';

/** Props of MarkdownView. */
export interface MarkdownViewProps {
  source: string;
  /** The heading level a "#" heading becomes. */
  headingBase?: number;
  className?: string;
}

/**
 * Shows Markdown as HTML. Safe to place with innerHTML because
 * renderMarkdown escapes every character of the source it does not turn into
 * one of its own few tags, and keeps http(s) links only.
 */
export function MarkdownView({ source, headingBase, className }: MarkdownViewProps) {
  const html = useMemo(() => renderMarkdown(source, { headingBase }), [source, headingBase]);
  return <div className={['prose', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
