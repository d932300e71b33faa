import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from '../history-store.js';

/** Props of Link: an ordinary anchor, plus whether to replace the history entry. */
export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  replace?: boolean;
}

/** Whether a click should be left to the browser: new tab, download, another window. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    !event.defaultPrevented
  );
}

/**
 * A real anchor that navigates inside the app without a reload. Modified
 * clicks (new tab, new window) keep the browser's behaviour, and the href is
 * always the full URL so links can be copied and shared.
 */
export function Link({ href, replace, onClick, target, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!isPlainClick(event) || (target !== undefined && target !== '_self')) return;
    event.preventDefault();
    navigate(href, { replace: replace === true });
  };
  return <a href={href} target={target} onClick={handleClick} {...rest} />;
}
