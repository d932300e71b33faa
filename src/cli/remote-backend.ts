import type {
  Assessment,
  Evidence,
  EvidencePage,
  ImportPlan,
  Ladder,
  Me,
  Person,
  Progress,
  Team,
} from '../server/api-contract.js';
import type { Ladder as CoreLadder } from '../core/ladder.js';
import { findTrack } from '../core/ladder.js';
import { ratingsInForce } from '../services/assessment.service.js';
import { composeBragDocument } from '../services/brag.service.js';
import { MAX_PAGE_SIZE } from '../services/paging.js';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import type { Backend, BackendPerson } from './backend.js';
import type { Credentials } from './credentials.js';
import { checkIdPrefix, LATEST, noEvidenceYet, onlyMatch } from './local-backend.js';
import { callServer } from './remote-client.js';

/**
 * How many pages of evidence a search by id prefix reads at most: the
 * API names evidence by its full id only, so a short id is found in the
 * person's newest MAX_PREFIX_PAGES * MAX_PAGE_SIZE pieces.
 */
export const MAX_PREFIX_PAGES = 10;

/** How many pages of self-assessments `assess` looks through for the newest on its track. */
export const MAX_ASSESSMENT_PAGES = 5;

/** How many pages of the directory (100 people each) a lookup by email reads: 10,000 people. */
export const MAX_DIRECTORY_PAGES = 100;

/** How many pages of evidence `brag` reads at most: ten thousand pieces. */
export const MAX_BRAG_PAGES = 50;

/** How many pages of teams `org teams` reads at most: ten thousand teams, more than any organisation has. */
export const MAX_TEAM_PAGES = 50;

/**
 * A server over its public API, with the token of `longhaul login`: the same
 * requests the web app makes, so the server's policy decides exactly as it
 * does for the browser. Every answer is already in the contract's shapes.
 */
export function remoteBackend(credentials: Credentials): Backend {
  const call = <T>(...args: Parameters<typeof callServer>) => callServer<T>(...args);
  let me: Promise<Me> | undefined;
  const whoAmI = () => (me ??= callServer<Me>(credentials, { method: 'GET', path: '/api/me' }));
  const personPath = async () => `/api/people/${encodeURIComponent((await whoAmI()).person.id)}`;
  const evidencePath = (id: string) => `/api/evidence/${encodeURIComponent(id)}`;
  const listPage = async (query: Record<string, string | undefined>) =>
    call<EvidencePage>(credentials, { method: 'GET', path: `${await personPath()}/evidence`, query });
  /** The newest self-assessment on a track, from the newest MAX_ASSESSMENT_PAGES pages. */
  const latestSelfAssessment = async (trackId: string): Promise<Assessment | undefined> => {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_ASSESSMENT_PAGES; page += 1) {
      const found = await call<{ items: Assessment[]; nextCursor: string | null }>(credentials, {
        method: 'GET',
        path: `${await personPath()}/assessments`,
        query: { kind: 'self', limit: String(MAX_PAGE_SIZE), cursor },
      });
      const match = found.items.find((a) => a.trackId === trackId);
      if (match !== undefined || found.nextCursor === null) return match;
      cursor = found.nextCursor;
    }
    return undefined;
  };
  return {
    me: async () => personOf((await whoAmI()).person),
    logEvidence: async (input) =>
      call<Evidence>(credentials, { method: 'POST', path: `${await personPath()}/evidence`, body: input }),
    listEvidence: (query) => listPage({ ...query }),
    findOwnEvidence: async (id) => {
      const wanted = id.trim().toLowerCase();
      if (wanted === LATEST) {
        const [newest] = (await listPage({ limit: '1' })).items;
        if (newest === undefined) throw noEvidenceYet();
        return newest;
      }
      checkIdPrefix(id, wanted);
      const matches: Evidence[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PREFIX_PAGES && matches.length < 2; page += 1) {
        const found = await listPage({ limit: String(MAX_PAGE_SIZE), cursor });
        matches.push(...found.items.filter((e) => e.id.toLowerCase().startsWith(wanted)));
        if (found.nextCursor === null) break;
        cursor = found.nextCursor;
      }
      return onlyMatch(id, matches);
    },
    editEvidence: (id, changes) =>
      call<Evidence>(credentials, { method: 'PATCH', path: evidencePath(id), body: changes }),
    deleteEvidence: (id) => call<undefined>(credentials, { method: 'DELETE', path: evidencePath(id) }),
    restoreEvidence: (id) => call<Evidence>(credentials, { method: 'POST', path: `${evidencePath(id)}/restore` }),
    peopleByEmail: async (emails) => {
      // The directory has no email filter: read it a page at a time, at most MAX_DIRECTORY_PAGES pages.
      const wanted = new Set(emails.map((email) => email.toLowerCase()));
      const found = new Map<string, string>();
      let cursor: string | undefined;
      for (let page = 0; page < MAX_DIRECTORY_PAGES && found.size < wanted.size; page += 1) {
        const people = await call<{ items: Person[]; nextCursor: string | null }>(credentials, {
          method: 'GET',
          path: '/api/people',
          query: { limit: String(MAX_PAGE_SIZE), cursor },
        });
        for (const person of people.items) {
          const email = person.email?.toLowerCase();
          if (email !== undefined && wanted.has(email)) found.set(email, person.id);
        }
        if (people.nextCursor === null) break;
        cursor = people.nextCursor;
      }
      return found;
    },
    progress: async (query) => {
      const [progress, ladder, self] = await Promise.all([
        call<Progress>(credentials, { method: 'GET', path: `${await personPath()}/progress`, query }),
        call<Ladder>(credentials, { method: 'GET', path: '/api/ladders/active' }),
        whoAmI(),
      ]);
      const track = ladder.tracks.find((t) => t.id === progress.ladder.track);
      return {
        name: self.person.name,
        progress,
        track: { title: track?.title ?? progress.ladder.track, levelCount: track?.levels.length ?? 0 },
      };
    },
    changeSettings: async (changes) =>
      personOf(await call<Person>(credentials, { method: 'PATCH', path: await personPath(), body: changes })),
    activeLadder: async () =>
      withoutRules(await call<Ladder>(credentials, { method: 'GET', path: '/api/ladders/active' })),
    assessmentStart: async (track) => {
      const progress = await call<Progress>(credentials, {
        method: 'GET',
        path: `${await personPath()}/progress`,
        query: { track },
      });
      const evidenceCounts: Record<string, number> = {};
      for (const c of progress.target.competencies) evidenceCounts[c.id] = c.evidenceCount;
      // The ratings as given, "not observed" included (progress shows that as no rating), read as the service reads them.
      const ladder = withoutRules(await call<Ladder>(credentials, { method: 'GET', path: '/api/ladders/active' }));
      const latest = await latestSelfAssessment(progress.ladder.track);
      const onTrack = findTrack(ladder, progress.ladder.track);
      const { ratings } = ratingsInForce(ladder, onTrack, latest?.ratings ?? []);
      return { trackId: onTrack.id, ratings, evidenceCounts };
    },
    recordSelfAssessment: async (input) => {
      const path = await personPath();
      const assessment = await call<Assessment>(credentials, {
        method: 'POST',
        path: `${path}/assessments`,
        body: { kind: 'self', ...input },
      });
      const progress = await call<Progress>(credentials, {
        method: 'GET',
        path: `${path}/progress`,
        query: { track: assessment.trackId },
      });
      return { assessment, observed: progress.observed, applicable: progress.applicable };
    },
    bragDocument: async (options) => {
      const evidence: Evidence[] = [];
      let cursor: string | undefined;
      for (let page = 0; ; page += 1) {
        if (page === MAX_BRAG_PAGES)
          throw new CliError(
            `more than ${MAX_BRAG_PAGES * MAX_PAGE_SIZE} pieces of evidence to read from the server; narrow the document with --since`,
            EXIT.failure,
          );
        const found = await listPage({ since: options.since, limit: String(MAX_PAGE_SIZE), cursor });
        evidence.push(...found.items);
        if (found.nextCursor === null) break;
        cursor = found.nextCursor;
      }
      const [ladder, self] = await Promise.all([
        call<Ladder>(credentials, { method: 'GET', path: '/api/ladders/active' }),
        whoAmI(),
      ]);
      return composeBragDocument(withoutRules(ladder), self.person, evidence, options);
    },
    listTeams: async () => {
      const teams: Team[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_TEAM_PAGES; page += 1) {
        const found = await call<{ items: Team[]; nextCursor: string | null }>(credentials, {
          method: 'GET',
          path: '/api/teams',
          query: { limit: String(MAX_PAGE_SIZE), cursor },
        });
        teams.push(...found.items);
        if (found.nextCursor === null) break;
        cursor = found.nextCursor;
      }
      return teams;
    },
    importOrganisation: (csv, options) =>
      call<ImportPlan>(credentials, {
        method: 'POST',
        path: '/api/org/import',
        body: { csv, fileName: options.fileName, dryRun: options.dryRun },
      }),
  };
}

function personOf(person: Person): BackendPerson {
  return { id: person.id, name: person.name, timeZone: person.timeZone };
}

/**
 * The API's ladder is the core's with each level's rule in words added; the
 * CLI words the rules itself (describeLevelRule), and prints the ladder as
 * the local database holds it, so the added field goes.
 */
function withoutRules(ladder: Ladder): CoreLadder {
  return {
    ...ladder,
    tracks: ladder.tracks.map((track) => ({
      ...track,
      levels: track.levels.map(({ rule: _rule, ...level }) => level),
    })),
  };
}
