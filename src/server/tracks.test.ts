import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { competenciesOf, findTrack } from '../core/ladder.js';
import { LADDERS, TWO_TRACK_LADDER_FILE } from '../services/ladders.fixtures.js';
import { insertAssessment } from '../store/assessment.repository.js';
import { Assessment, ErrorResponse, History, Progress } from './api-contract.js';
import { startTestServer, type TestServer } from './test-server.fixtures.js';

/*
 * Tracks over HTTP: a person assessed on one track and then on another keeps
 * a readable progress page and an intact history, on every ladder that ships.
 */

let t: TestServer | undefined;

afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function serve(file: string): Promise<TestServer> {
  t = await startTestServer({ ladderFile: file });
  return t;
}

function assess(server: TestServer, body: object) {
  return server.request('POST', `/api/people/${server.me.id}/assessments`, body);
}

async function progress(server: TestServer, query = '') {
  const response = await server.request('GET', `/api/people/${server.me.id}/progress${query}`);
  expect(response.status, response.text).toBe(200);
  return Progress.parse(response.json);
}

for (const { name, file } of LADDERS) {
  describe(`progress and history on ${name}`, () => {
    it('answers on every track after an assessment on each, and keeps every assessment in history', async () => {
      const server = await serve(file);
      const { ladder } = server.ladder;
      for (const track of ladder.tracks) {
        const [low] = track.levels;
        const ratings = Object.fromEntries(competenciesOf(ladder, track).map((c) => [c.id, low?.id ?? '']));
        const recorded = await assess(server, { track: track.id, ratings });
        expect(recorded.status, recorded.text).toBe(201);
        expect(Assessment.parse(recorded.json).trackId).toBe(track.id);
      }
      const last = ladder.tracks.at(-1);
      expect((await progress(server)).ladder.track).toBe(last?.id);
      for (const track of ladder.tracks) {
        const shown = await progress(server, `?track=${track.id}`);
        expect(shown.ladder.track).toBe(track.id);
        expect(shown.observed).toBe(competenciesOf(ladder, track).length);
      }
      const history = History.parse((await server.request('GET', `/api/people/${server.me.id}/history`)).json);
      expect(oldestFirst(history).map((e) => e.trackId)).toEqual(ladder.tracks.map((tr) => tr.id));
    });

    it('names the track at fault when it is not on the ladder', async () => {
      const server = await serve(file);
      const response = await server.request('GET', `/api/people/${server.me.id}/progress?track=astronaut`);
      expect(response.status).toBe(422);
      const body = ErrorResponse.parse(response.json);
      expect(body.error.fields.map((f) => f.path)).toEqual(['query.track']);
    });
  });
}

describe('switching tracks on the two-track ladder', () => {
  it('keeps GET /progress answering after a self-assessment on one track and then on the other', async () => {
    const server = await serve(TWO_TRACK_LADDER_FILE);
    // The web wizard sends "not observed" for what a person has not shown: it fits every track's scale.
    const ic = {
      reliability: 'senior',
      design: 'senior',
      communication: 'senior',
      quality: 'not-observed',
    };
    expect((await assess(server, { track: 'ic', ratings: ic })).status).toBe(201);
    const em = await assess(server, {
      track: 'em',
      ratings: { reliability: 'manager', hiring: 'manager', feedback: 'manager' },
    });
    expect(em.status).toBe(201);

    for (let call = 0; call < 2; call += 1) {
      const mine = await progress(server);
      expect(mine.ladder.track).toBe('em');
      expect(mine.demonstrated?.title).toBe('Engineering Manager');
      expect(mine.target.competencies.map((c) => c.id)).not.toContain('design');
    }
    expect(Assessment.parse(em.json).ratings.map((r) => r.competencyId)).toEqual(['feedback', 'hiring', 'reliability']);
    const before = await progress(server, '?track=ic');
    expect(before.demonstrated?.title).toBe('Senior');
    expect(before.observed).toBe(3);

    const history = History.parse((await server.request('GET', `/api/people/${server.me.id}/history`)).json);
    expect(oldestFirst(history).map((e) => [e.trackId, e.demonstrated?.title ?? null])).toEqual([
      ['ic', 'Senior'],
      ['em', 'Engineering Manager'],
    ]);
    expect(
      oldestFirst(history)[0]
        ?.ratings.map((r) => r.competencyId)
        .sort(),
    ).toEqual(Object.keys(ic).sort());
  });

  it('records an assessment that names no track on the track the person moved to, as the web wizard sends it', async () => {
    const server = await serve(TWO_TRACK_LADDER_FILE);
    await assess(server, { track: 'ic', ratings: { design: 'senior' } });
    await assess(server, { track: 'em', ratings: { hiring: 'manager' } });
    const unnamed = await assess(server, { ratings: { feedback: 'manager' } });
    expect(unnamed.status, unnamed.text).toBe(201);
    const stored = Assessment.parse(unnamed.json);
    expect(stored.trackId).toBe('em');
    expect(stored.ratings.map((r) => [r.competencyId, r.rating])).toEqual([
      ['feedback', 'manager'],
      ['hiring', 'manager'],
    ]);

    const wrong = await assess(server, { ratings: { design: 'architect' } });
    expect(wrong.status).toBe(422);
    expect(ErrorResponse.parse(wrong.json).error.fields.map((f) => f.path)).toEqual(['body.ratings.design']);
  });

  it('answers for a person whose stored ratings name competencies of the other track', async () => {
    const server = await serve(TWO_TRACK_LADDER_FILE);
    const { ladder } = server.ladder;
    // What the old carry-forward stored: an em assessment holding ic-only ratings.
    await insertAssessment(server.db, {
      personId: server.me.id,
      assessorId: server.me.id,
      kind: 'self',
      ladderId: ladder.id,
      ladderHash: ladder.hash,
      trackId: 'em',
      ratings: [
        { competencyId: 'design', rating: 'architect' },
        { competencyId: 'quality', rating: 'not-observed' },
        { competencyId: 'hiring', rating: 'manager' },
        { competencyId: 'feedback', rating: 'manager' },
        { competencyId: 'communication', rating: 'manager' },
      ],
    });
    const shown = await progress(server);
    expect(shown.ladder.track).toBe('em');
    expect(shown.observed).toBe(3);
    expect(shown.demonstrated?.id).toBe('manager');
    const emIds = competenciesOf(ladder, findTrack(ladder, 'em')).map((c) => c.id);
    expect(shown.target.competencies.map((c) => c.id)).toEqual(emIds);

    const history = History.parse((await server.request('GET', `/api/people/${server.me.id}/history`)).json);
    expect(z.array(z.string()).parse(oldestFirst(history)[0]?.ratings.map((r) => r.competencyId))).toContain('design');
  });
});

/** History comes newest first, a page at a time; these tests read one page oldest first, as the chart does. */
function oldestFirst(history: History): History['items'] {
  return [...history.items].reverse();
}
