import {
  deleteEvidence,
  editEvidence,
  findEvidence,
  getEvidence,
  getEvidenceIncludingDeleted,
  logEvidence,
  undeleteEvidence,
} from '../../services/evidence.service.js';
import { findManagementChain, getPerson } from '../../services/person.service.js';
import {
  Evidence,
  EvidenceCreate,
  EvidencePage,
  EvidenceParams,
  EvidenceQuery,
  EvidenceUpdate,
  PersonParams,
} from '../api-contract.js';
import { signedIn } from '../authenticate.js';
import { permit, policy } from '../policy.js';
import { presentEvidence } from '../presenters/evidence.presenter.js';
import { presentPage } from '../presenters/page.presenter.js';
import { defineRoute, type Route } from '../route.js';
import { blameInput } from './route-helpers.js';

const EXAMPLE_EVIDENCE = {
  title: 'Led the review of the checkout timeout incident',
  kind: 'incident',
  competencies: ['reliability', 'debugging'],
  date: '2026-03-02',
  links: ['https://wiki.example.com/pir/42'],
  visibility: 'people',
  sharedWith: ['5f0c8f2e-9d1b-4a7c-8e3a-2b6d4c1e9f70'],
};

/** Evidence: a person's list, logging, and one piece read, edited, deleted (undoably) and restored. */
export const evidenceRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/people/:personId/evidence',
    operationId: 'listEvidence',
    tag: 'evidence',
    summary: "A person's evidence, newest first, a page at a time",
    description:
      'All of your own evidence; of anyone else, only what they shared with you: by name, or with managers when you are in their manager chain. `competency` may be a former id. Dates are YYYY-MM-DD and inclusive.',
    authenticate: signedIn,
    params: PersonParams,
    query: EvidenceQuery,
    errors: [404, 503],
    authorize: async ({ actor, app, params }) => {
      const owner = await getPerson(app.db, params.personId);
      return permit(policy.listEvidence(actor, owner), owner);
    },
    handle: async ({ actor, app, loaded, query }) => {
      const ladder = await app.ladders.active(app.db);
      const chain = actor.person.id === loaded.id ? [] : await findManagementChain(app.db, loaded);
      return blameInput(
        () =>
          findEvidence(app.db, ladder, loaded.id, {
            ...query,
            viewer: policy.evidenceViewer(actor, loaded.id, chain),
          }),
        { competency_not_found: 'competency' },
      );
    },
    present: (page) => presentPage(page, presentEvidence),
    audit: { subject: ({ loaded }) => loaded.id },
    response: { status: 200, description: 'A page of the evidence the actor may see.', schema: EvidencePage },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/people/:personId/evidence',
    operationId: 'logEvidence',
    tag: 'evidence',
    summary: 'Log a piece of evidence',
    description:
      'Recorded against the active ladder. Private unless `visibility` says managers (the manager chain) or people (the ids in `sharedWith`). Every problem is reported at once, one entry in `fields` each.',
    authenticate: signedIn,
    params: PersonParams,
    body: EvidenceCreate,
    example: EXAMPLE_EVIDENCE,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const owner = await getPerson(app.db, params.personId);
      return permit(policy.writeEvidence(actor, owner.id), owner);
    },
    handle: async ({ app, loaded, body }) =>
      logEvidence(app.db, await app.ladders.active(app.db), loaded.id, body, app.today(loaded)),
    present: presentEvidence,
    audit: {
      subject: ({ loaded }) => loaded.id,
      target: (_input, evidence) => ({ kind: 'evidence', id: evidence.id }),
    },
    response: { status: 201, description: 'The evidence as stored.', schema: Evidence },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evidence/:evidenceId',
    operationId: 'getEvidence',
    tag: 'evidence',
    summary: 'One piece of evidence',
    description:
      'Its author, their managers when it is shared with managers, and the people it names when it is shared with people; anyone else is refused (403).',
    authenticate: signedIn,
    params: EvidenceParams,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const evidence = await getEvidence(app.db, await app.ladders.active(app.db), params.evidenceId);
      const chain =
        actor.person.id === evidence.personId
          ? []
          : await findManagementChain(app.db, await getPerson(app.db, evidence.personId));
      return permit(policy.readEvidence(actor, evidence, chain), evidence);
    },
    handle: async ({ loaded }) => loaded,
    present: presentEvidence,
    audit: {
      subject: ({ loaded }) => loaded.personId,
      target: ({ loaded }) => ({ kind: 'evidence', id: loaded.id }),
    },
    response: { status: 200, description: 'The evidence.', schema: Evidence },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/evidence/:evidenceId',
    operationId: 'editEvidence',
    tag: 'evidence',
    summary: 'Change a piece of evidence',
    description:
      'Only the fields sent change. New `competencies` are read against the active ladder, and the evidence then belongs to that version. Only the author changes who sees it; a visibility other than people clears `sharedWith`.',
    authenticate: signedIn,
    params: EvidenceParams,
    body: EvidenceUpdate,
    example: { title: 'Led the review of the checkout timeout incident, and its follow-ups', visibility: 'managers' },
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const evidence = await getEvidence(app.db, await app.ladders.active(app.db), params.evidenceId);
      return permit(policy.writeEvidence(actor, evidence.personId), evidence);
    },
    // Only the author may edit (policy.writeEvidence), so the actor's today is the author's.
    handle: async ({ actor, app, loaded, body }) =>
      editEvidence(app.db, await app.ladders.active(app.db), loaded.id, body, app.today(actor.person)),
    present: presentEvidence,
    audit: {
      subject: ({ loaded }) => loaded.personId,
      target: ({ loaded }) => ({ kind: 'evidence', id: loaded.id }),
    },
    response: { status: 200, description: 'The evidence as stored now.', schema: Evidence },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/evidence/:evidenceId',
    operationId: 'deleteEvidence',
    tag: 'evidence',
    summary: 'Delete a piece of evidence (undoable)',
    description:
      'The evidence disappears from every list, count and progress report, but is kept: POST …/restore brings it back.',
    authenticate: signedIn,
    params: EvidenceParams,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const evidence = await getEvidence(app.db, await app.ladders.active(app.db), params.evidenceId);
      return permit(policy.writeEvidence(actor, evidence.personId), evidence);
    },
    handle: ({ app, loaded }) => deleteEvidence(app.db, loaded.id),
    present: () => undefined,
    audit: {
      subject: ({ loaded }) => loaded.personId,
      target: ({ loaded }) => ({ kind: 'evidence', id: loaded.id }),
    },
    response: { status: 204, description: 'Deleted; no body.' },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/evidence/:evidenceId/restore',
    operationId: 'restoreEvidence',
    tag: 'evidence',
    summary: 'Undo the delete of a piece of evidence',
    description: 'Restoring evidence that is not deleted changes nothing, so an undo sent twice is harmless.',
    authenticate: signedIn,
    params: EvidenceParams,
    errors: [403, 404, 503],
    authorize: async ({ actor, app, params }) => {
      const { evidence } = await getEvidenceIncludingDeleted(app.db, params.evidenceId);
      return permit(policy.writeEvidence(actor, evidence.personId), evidence);
    },
    handle: async ({ app, loaded }) => undeleteEvidence(app.db, await app.ladders.active(app.db), loaded.id),
    present: presentEvidence,
    audit: {
      subject: ({ loaded }) => loaded.personId,
      target: ({ loaded }) => ({ kind: 'evidence', id: loaded.id }),
    },
    response: { status: 200, description: 'The evidence, back in every list.', schema: Evidence },
  }),
];
