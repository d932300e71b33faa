import { useSyncExternalStore } from 'react';
import type { Me, Person } from '../server/api-contract.js';
import { canonicalTimeZone } from '../shared/time-zone.js';
import { api } from './api-client.js';

/*
 * The person's time zone in the browser. The server takes "today" for a
 * person's evidence in their zone, so the form must offer the same today: a
 * date input defaulting to the browser's local date would be refused as "in
 * the future" whenever the two zones are on different days.
 */

/** The zone this browser runs in, as Intl names it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * On a person's first visit (no zone stored yet) stores the browser's zone,
 * so the server's today and the form's agree from the start. A failure leaves
 * things as they were: the server then uses its own zone, and the form still
 * offers the browser's zone to choose.
 */
export async function adoptBrowserTimeZone(me: Me): Promise<Me> {
  if (me.person.timeZone !== null) return me;
  try {
    return { ...me, person: await api.updatePerson(me.person.id, { timeZone: browserTimeZone() }) };
  } catch {
    return me;
  }
}

// Zones chosen in this tab since the session was loaded, by person id; the session itself is loaded once.
const chosen = new Map<string, string>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The zone a person's today is taken in: the one they chose, else this browser's. */
export function usePersonTimeZone(person: Pick<Person, 'id' | 'timeZone'>): string {
  const latest = useSyncExternalStore(subscribe, () => chosen.get(person.id));
  const stored = latest ?? person.timeZone;
  return (stored === null ? undefined : canonicalTimeZone(stored)) ?? browserTimeZone();
}

/** Stores a new zone for the person; every screen using usePersonTimeZone follows. */
export async function choosePersonTimeZone(personId: string, timeZone: string): Promise<void> {
  const person = await api.updatePerson(personId, { timeZone });
  chosen.set(personId, person.timeZone ?? timeZone);
  for (const listener of listeners) listener();
}
