import type { AuditEvent } from '../server/api-contract.js';
import { hrefWith, readParam } from './url-state.js';

/*
 * What the "Your data", "Who has looked at my data" and "Audit log" screens
 * need beyond the API: the sentence an event reads as, the log's filters in
 * the address bar, and the addresses of the downloads. Pure, so it is tested
 * without a browser.
 */

/** What each action means when someone else did it to a person's data, in words that person understands. */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  getPerson: 'looked at your profile',
  updatePerson: 'changed your settings',
  listEvidence: 'looked at your evidence',
  getEvidence: 'looked at a piece of your evidence',
  logEvidence: 'logged evidence for you',
  editEvidence: 'changed a piece of your evidence',
  deleteEvidence: 'deleted a piece of your evidence',
  restoreEvidence: 'restored a piece of your evidence',
  listAssessments: 'looked at your assessments',
  recordAssessment: 'recorded an assessment of you',
  getProgress: 'looked at your progress',
  getHistory: 'looked at your history',
  getPersonalData: 'asked for everything Longhaul holds about you',
  getPersonalDataMarkdown: 'asked for everything Longhaul holds about you',
  listPersonAudit: 'asked who has looked at your data',
  createPasswordReset: 'made a password-reset link for you',
  usePasswordReset: 'set your password with a reset link',
  signIn: 'signed in to your account',
  revokeApiToken: 'revoked one of your API tokens',
  deletePerson: 'deleted your account',
  listAuditEvents: 'read the audit log about you',
  exportAuditEvents: 'exported the audit log about you',
};

/** "Maya Chen looked at your progress", or "Maya Chen was refused: they tried to look at …"; "Someone" before sign-in. */
export function describeAccess(event: AuditEvent): string {
  const who = event.actorName ?? (event.actorId === null ? 'Someone' : 'A person since deleted');
  const what = ACTION_WORDS[event.action] ?? `used ${event.action} on your data`;
  if (event.outcome === 'refused') return `${who} was refused: they ${triedTo(what)}`;
  return `${who} ${what}`;
}

/** "looked at your progress" -> "tried to look at your progress", for a refusal. */
function triedTo(what: string): string {
  const [verb = '', ...rest] = what.split(' ');
  const base = PAST_TO_BASE[verb] ?? verb;
  return ['tried to', base, ...rest].join(' ');
}

const PAST_TO_BASE: Readonly<Record<string, string>> = {
  looked: 'look',
  changed: 'change',
  logged: 'log',
  deleted: 'delete',
  restored: 'restore',
  recorded: 'record',
  asked: 'ask',
  made: 'make',
  set: 'set',
  signed: 'sign',
  revoked: 'revoke',
  read: 'read',
  exported: 'export',
  used: 'use',
};

/** How an event came in, for a person: "in the web app", "with an API token", "from the command line". */
export function describeVia(via: AuditEvent['via']): string {
  return via === 'web' ? 'in the web app' : via === 'api' ? 'with an API token' : 'from the command line';
}

/** The filters of the admin's audit log; '' means "any". */
export interface AuditFilters {
  actor: string;
  subject: string;
  action: string;
  from: string;
  to: string;
}

/** No filter at all. */
export const NO_AUDIT_FILTERS: AuditFilters = Object.freeze({ actor: '', subject: '', action: '', from: '', to: '' });

/** Reads the log's filters from a query string such as "?actor=…&from=2026-03-01". */
export function readAuditFilters(search: string): AuditFilters {
  return {
    actor: readParam(search, 'actor') ?? '',
    subject: readParam(search, 'subject') ?? '',
    action: readParam(search, 'action') ?? '',
    from: readParam(search, 'from') ?? '',
    to: readParam(search, 'to') ?? '',
  };
}

/** Writes the filters as a query (with "?"), or "" when none is set; the API takes the same one. */
export function auditQuery(filters: AuditFilters): string {
  return hrefWith('', {
    actor: filters.actor.trim(),
    subject: filters.subject.trim(),
    action: filters.action.trim(),
    from: filters.from,
    to: filters.to,
  });
}

/** The address of the JSON Lines export of what the filters select; a plain link downloads it. */
export function auditExportHref(filters: AuditFilters): string {
  return `/api/audit/export${auditQuery(filters)}`;
}

/** The addresses of a person's data downloads; the session cookie goes with a plain link. */
export function personalDataHrefs(personId: string): { json: string; markdown: string } {
  const base = `/api/people/${encodeURIComponent(personId)}/data`;
  return { json: base, markdown: `${base}.md` };
}

/**
 * Whether the email typed to confirm a deletion is the person's: the server
 * decides, but the button stays off until it matches, as the server compares
 * (spaces around it and case do not count).
 */
export function confirmsDeletion(typed: string, email: string | null, name: string): boolean {
  if (email === null) return typed.trim() === name.trim();
  return typed.trim().toLowerCase() === email.trim().toLowerCase();
}
