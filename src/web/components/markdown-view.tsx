import { useMemo } from 'react';
import { renderMarkdown } from '../../shared/markdown.js';

/** Props of MarkdownView. */
export interface MarkdownViewProps {
  source: string;
  /** The heading level a "#" heading becomes. */
  headingBase?: number;
  className?: string;
}

/**
 * Shows Markdown as HTML. Safe to place with innerHTML because the shared
 * renderMarkdown passes no HTML of the source through and keeps only http(s)
 * and mailto links.
 */
export function MarkdownView({ source, headingBase, className }: MarkdownViewProps) {
  const html = useMemo(() => renderMarkdown(source, { headingBase }), [source, headingBase]);
  return <div className={['prose', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
