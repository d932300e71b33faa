import type { PersonalData as PersonalDataRecord } from '../../services/personal-data.service.js';
import type { PersonalData } from '../api-contract.js';
import { presentAssessment } from './assessment.presenter.js';
import { presentEvidence } from './evidence.presenter.js';
import { presentAuditEvent } from './audit.presenter.js';
import { presentPerson } from './person.presenter.js';

/** "What Longhaul holds about me" as JSON: every stored field, no secret. */
export function presentPersonalData(data: PersonalDataRecord): PersonalData {
  return {
    exportedAt: data.exportedAt,
    person: {
      ...presentPerson(data.person),
      teamId: data.person.teamId,
      trackId: data.person.trackId,
      levelId: data.person.levelId,
      isAdmin: data.person.isAdmin === 1,
      deactivatedAt: data.person.deactivatedAt,
    },
    account: data.account,
    sessions: data.sessions.map((s) => ({ ...s })),
    apiTokens: data.apiTokens.map((t) => ({ ...t })),
    // As the API shows each piece, with when it was deleted (deleted pieces are the person's data too).
    evidence: data.evidence.map((e) => ({
      ...presentEvidence({ ...e, links: parseLinks(e.links) }),
      deletedAt: e.deletedAt,
    })),
    assessments: data.assessments.map(presentAssessment),
    settings: { timeZone: data.person.timeZone },
    auditEvents: data.auditEvents.map(presentAuditEvent),
    auditEventsTruncated: data.auditEventsTruncated,
  };
}

/** The same as a Markdown document a person can read: one section per kind of data. */
export function presentPersonalDataMarkdown(data: PersonalDataRecord): string {
  const json = presentPersonalData(data);
  const { person } = json;
  const out: string[] = [];
  out.push(`# What Longhaul holds about ${text(person.name)}`, '', `Exported ${json.exportedAt}.`, '');
  out.push('## Profile', '');
  out.push(
    ...list([
      ['Id', person.id],
      ['Name', person.name],
      ['Email', person.email],
      ['Team', person.team],
      ['Title', person.title],
      ['Manager', person.managerId],
      ['Track', person.trackId],
      ['Level', person.levelId],
      ['Admin', person.isAdmin ? 'yes' : 'no'],
      ['Deactivated', person.deactivatedAt],
      ['Added', person.createdAt],
    ]),
    '',
  );
  out.push('## Settings', '', ...list([['Time zone', json.settings.timeZone]]), '');
  out.push('## Account', '');
  if (json.account === null) out.push('No account: this person cannot sign in.', '');
  else {
    out.push(
      ...list([
        ['Created', json.account.createdAt],
        [
          'Password',
          json.account.hasPassword ? `set, last changed ${json.account.passwordChangedAt ?? 'never'}` : 'none',
        ],
        ['Demo account', json.account.isDemo ? 'yes' : 'no'],
      ]),
      '',
    );
  }
  out.push(`## Sessions (${json.sessions.length})`, '');
  for (const s of json.sessions) {
    out.push(
      `- from ${s.createdAt}, last seen ${s.lastSeenAt}, until ${s.expiresAt}; ${text(s.userAgent ?? 'unknown browser')} at ${text(s.address ?? 'unknown address')}`,
    );
  }
  out.push('', `## API tokens (${json.apiTokens.length})`, '');
  for (const t of json.apiTokens) {
    out.push(
      `- ${text(t.name)} (${text(t.prefix)}…), made ${t.createdAt}, expires ${t.expiresAt}${t.revokedAt === null ? '' : `, revoked ${t.revokedAt}`}`,
    );
  }
  out.push('', `## Evidence (${json.evidence.length})`, '');
  for (const e of json.evidence) {
    out.push(`### ${e.date}: ${text(e.title)}`, '');
    out.push(
      ...list([
        ['Id', e.id],
        ['Kind', e.kind],
        ['Visibility', e.visibility],
        ['Competencies', e.competencyIds.join(', ')],
        ['Links', e.links.join(' ')],
        ['Deleted', e.deletedAt],
      ]),
      '',
    );
    if (e.body !== '') out.push(quote(e.body), '');
  }
  out.push(`## Assessments (${json.assessments.length})`, '');
  for (const a of json.assessments) {
    out.push(`### ${a.createdAt}: ${a.kind} assessment on ${text(a.trackId)}`, '');
    out.push(
      ...list([
        ['Id', a.id],
        ['Assessor', a.assessorId],
        ['Note', a.note],
      ]),
      '',
    );
    for (const r of a.ratings)
      out.push(`- ${text(r.competencyId)}: ${text(r.rating)}${r.note === null ? '' : ` (${text(r.note)})`}`);
    out.push('');
  }
  out.push(
    `## Audit events about this person (${json.auditEvents.length}${json.auditEventsTruncated ? ', the newest only' : ''})`,
    '',
  );
  for (const e of json.auditEvents) {
    out.push(
      `- ${e.at} ${e.action} by ${text(e.actorName ?? e.actorId ?? 'someone not signed in')}: ${e.outcome}, via ${e.via}`,
    );
  }
  out.push('');
  return out.join('\n');
}

function parseLinks(links: string): string[] {
  try {
    const parsed: unknown = JSON.parse(links);
    return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === 'string') : [];
  } catch {
    return [];
  }
}

/** Fields as a Markdown list; empty ones are left out. */
function list(fields: [string, string | null][]): string[] {
  return fields
    .filter(([, value]) => value !== null && value !== '')
    .map(([name, value]) => `- ${name}: ${text(value ?? '')}`);
}

/** One line of text that cannot start a heading, a list or markup of its own. */
function text(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** A body kept as the person wrote it, as a block quote. */
function quote(body: string): string {
  return body
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}
