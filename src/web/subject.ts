import { api } from './api-client.js';
import { pathOf } from './router.js';
import { useSession } from './session.js';
import { useResource, type Resource } from './use-resource.js';

/*
 * Whose screens these are. My progress, evidence and history are also a
 * manager's view of a report: the same screens, with the person in the
 * address (/people/<id>), the words turned from "you" to their name, and the
 * controls only the person themself may use left out.
 */

/** The person a screen is about. */
export interface Subject {
  id: string;
  name: string;
  /** Whether it is the signed-in person's own screen. */
  isMe: boolean;
}

/** The words a screen uses about its subject, so one screen reads right for me and for a report. */
export interface SubjectWords {
  /** "My" or "Pat Doe's", before a noun in a title. */
  possessive: string;
  /** "You" or "Pat Doe", to start a sentence. */
  subject: string;
  /** "your" or "their", inside a sentence. */
  their: string;
  /** The verb forms that agree with the subject. */
  meet: string;
  are: string;
  do: string;
  have: string;
  /** Where this person's screens are: `/progress` or `/people/<id>`, and so on. */
  progressHref: string;
  evidenceHref: string;
  historyHref: string;
}

/** The words for a subject. */
export function wordsFor(subject: Subject): SubjectWords {
  if (subject.isMe) {
    return {
      possessive: 'My',
      subject: 'You',
      their: 'your',
      meet: 'meet',
      are: 'are',
      do: 'do',
      have: 'have',
      progressHref: '/progress',
      evidenceHref: '/evidence',
      historyHref: '/history',
    };
  }
  const base = pathOf('people', subject.id);
  return {
    possessive: `${subject.name}'s`,
    subject: subject.name,
    their: 'their',
    meet: 'meets',
    are: 'is',
    do: 'does',
    have: 'has',
    progressHref: base,
    evidenceHref: `${base}/evidence`,
    historyHref: `${base}/history`,
  };
}

/**
 * The subject of a screen: the signed-in person when `personId` is absent or
 * theirs (known from the session at once, nothing to load), else that person,
 * loaded.
 */
export function useSubject(personId: string | undefined): Resource<Subject> & { reload: () => void } {
  const { me } = useSession();
  const mine = personId === undefined || personId === me.person.id;
  // Hooks run in the same order every time: the load is always declared, and for one's own screens does nothing.
  const other = useResource<Subject | null>(`subject:${mine ? '' : personId}`, async () => {
    if (mine) return null;
    const person = await api.getPerson(personId);
    return { id: person.id, name: person.name, isMe: false };
  });
  if (mine) {
    return { status: 'ready', data: { id: me.person.id, name: me.person.name, isMe: true }, reload: other.reload };
  }
  if (other.status === 'ready' && other.data !== null) return { ...other, data: other.data };
  if (other.status === 'error') return other;
  return { status: 'loading', previous: undefined, reload: other.reload };
}
