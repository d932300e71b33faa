import type { Subject } from '../subject.js';
import { wordsFor } from '../subject.js';
import { Link } from './link.js';

/**
 * On someone else's screens: whose they are, and the way to each of them and
 * back to the team. Nothing on one's own screens, whose navigation is the
 * main one.
 */
export function PersonNav({ subject, current }: { subject: Subject; current: 'progress' | 'evidence' | 'history' }) {
  if (subject.isMe) return null;
  const words = wordsFor(subject);
  const links = [
    { key: 'progress', href: words.progressHref, label: 'Progress' },
    { key: 'evidence', href: words.evidenceHref, label: 'Evidence shared with you' },
    { key: 'history', href: words.historyHref, label: 'History' },
  ] as const;
  return (
    <nav className="person-nav" aria-label={`${subject.name}'s screens`}>
      <Link href="/team">← My team</Link>
      {links.map((link) => (
        <Link key={link.key} href={link.href} aria-current={link.key === current ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
