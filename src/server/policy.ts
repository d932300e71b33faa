import type { EvidenceViewer } from '../store/evidence.repository.js';
import type { EvidenceVisibility, PersonRow } from '../store/schema.js';

/*
 * The access policy: the one module that says who may do what. Routes never
 * decide access themselves; their authorize step asks a rule here and turns
 * the decision into a Permit, without which the pipeline does not go on.
 */

/** Who is acting: the signed-in person, and how they signed in. */
export interface Actor {
  person: PersonRow;
  /** Whether they are an admin: the organisation's role, `people.is_admin`, of an active person. */
  isAdmin: boolean;
  /** Whether the account is one the demo made. */
  isDemo: boolean;
  /** A session cookie (the web app) or a personal API token (scripts). */
  via: 'session' | 'token';
  /** The session's id when `via` is session: "sign out everywhere" keeps it. */
  sessionId?: string;
  /** The session's CSRF token when `via` is session. */
  csrfToken?: string;
  /** The token's id when `via` is token. */
  tokenId?: string;
}

/**
 * A rule's answer: allowed, or refused with a sentence the client can show and,
 * when the request was about a person, their id, so the audit log can tell
 * them who was turned away from their data.
 */
export type Decision = { allowed: true } | { allowed: false; reason: string; subjectId?: string };

declare const permitted: unique symbol;

/**
 * Proof that the policy allowed a request, carrying what the authorize step
 * loaded to decide. Only `permit` makes one, so a route cannot reach its
 * service without passing through a rule of this module.
 */
export interface Permit<T> {
  readonly [permitted]: true;
  readonly value: T;
}

/** Raised when a rule refuses; the edge answers 403 with the reason. */
export class PolicyRefusal extends Error {
  override readonly name = 'PolicyRefusal';
  constructor(
    message: string,
    /** The person whose data the refused request was about, for the audit log; undefined when nobody's. */
    readonly subjectId?: string,
  ) {
    super(message);
  }
}

/** Turns a decision into a Permit, or throws PolicyRefusal with the rule's reason. */
export function permit<T>(decision: Decision, value: T): Permit<T> {
  if (!decision.allowed) throw new PolicyRefusal(decision.reason, decision.subjectId);
  return { value } as Permit<T>;
}

const allow: Decision = { allowed: true };
const refuse = (reason: string, subjectId?: string): Decision =>
  subjectId === undefined ? { allowed: false, reason } : { allowed: false, reason, subjectId };
const isSelf = (actor: Actor, personId: string) => actor.person.id === personId;

/** A person as the policy needs them: who they are and who manages them. */
export type Subject = Pick<PersonRow, 'id' | 'name' | 'managerId'>;

/** Evidence as the policy needs it: whose it is and who may see it. */
export interface EvidenceSubject {
  personId: string;
  visibility: EvidenceVisibility;
  /** The people it is shared with when visibility is `people`. */
  sharedWith: ReadonlyArray<{ id: string }>;
}

/** The sentence of every refusal to read a piece of evidence: whoever asks, the author decides. */
export const EVIDENCE_NOT_SHARED = 'this evidence is not shared with you; only its author decides who sees it';

/** The rules. Each takes the actor and what the request is about, and decides. */
export const policy = {
  /** Health, readiness, metrics and the API reference: for probes and people alike, without an actor. */
  openToAll(): Decision {
    return allow;
  },

  /** Signing in, the first-run check and the demo's account list: before anyone is signed in. */
  signIn(): Decision {
    return allow;
  },

  /** The first admin is made on the first visit only: once an admin exists, accounts come from admins. */
  createFirstAdmin(adminExists: boolean): Decision {
    return adminExists ? refuse('this installation already has an admin; sign in instead') : allow;
  },

  /** One click into a demo account: only while the server runs the demo. */
  demoSignIn(serverRunsDemo: boolean): Decision {
    return serverRunsDemo
      ? allow
      : refuse('one-click demo sign-in works only while the server runs the demo; sign in with a password');
  },

  /** A person's own sessions and API tokens: they list, make and end their own, nobody else's. */
  manageOwnCredentials(_actor: Actor): Decision {
    return allow;
  },

  /** Revoking a token: only its owner. */
  revokeToken(actor: Actor, token: { personId: string }): Decision {
    return isSelf(actor, token.personId)
      ? allow
      : refuse('an API token can only be revoked by the person it belongs to', token.personId);
  },

  /** Password-reset links are made by admins, who hand them over. */
  createResetLink(actor: Actor): Decision {
    return actor.isAdmin ? allow : refuse('only an admin can make a password-reset link');
  },

  /** Whoever holds a reset link may use it; the link itself is the proof. */
  useResetLink(): Decision {
    return allow;
  },

  /** The ladder is the organisation's shared language: everyone reads every version. */
  readLadders(_actor: Actor): Decision {
    return allow;
  },

  /**
   * Choosing which stored ladder version is active, and storing a new one:
   * admins only. It changes what everyone's new evidence and assessments are
   * recorded against.
   */
  chooseActiveLadder(actor: Actor): Decision {
    if (actor.isAdmin) return allow;
    return refuse(
      `only an admin can choose which ladder version is active, and ${actor.person.name} is not one; ask an admin to make it active`,
    );
  },

  /**
   * Changing the organisation (importing people, moving them between teams
   * and managers, deactivating them, giving the admin role): admins only.
   * Managing people is not enough; the manager role is not an admin's.
   */
  manageOrganisation(actor: Actor): Decision {
    if (actor.isAdmin) return allow;
    return refuse(
      `only an admin can change the organisation, and ${actor.person.name} is not one; ask an admin to make the change`,
    );
  },

  /** The teams and who is in them are the organisation's directory: everyone reads them. */
  readTeams(_actor: Actor): Decision {
    return allow;
  },

  /** The directory and each person's profile are visible to everyone. */
  readPeople(_actor: Actor): Decision {
    return allow;
  },

  /** A person's own settings (their time zone): only they change them. */
  editPerson(actor: Actor, subject: Subject): Decision {
    if (isSelf(actor, subject.id)) return allow;
    return refuse(`only ${subject.name} can change their own settings`, subject.id);
  },

  /** Anyone may list a person's evidence; `evidenceViewer` narrows what the list holds. */
  listEvidence(_actor: Actor, _owner: Subject): Decision {
    return allow;
  },

  /**
   * Which of a person's evidence an actor sees, as a description the store
   * turns into one SQL filter (lists and counts are filtered in their query,
   * never row by row). The author sees all of it. Their managers, up the
   * chain, see what is shared with managers and what names them. Anyone else
   * sees only what names them. Being an admin adds nothing: an admin outside
   * the chain reads no private evidence.
   *
   * @param ownerChain the owner's managers, nearest first (findManagementChain).
   */
  evidenceViewer(actor: Actor, ownerId: string, ownerChain: readonly string[]): EvidenceViewer {
    if (isSelf(actor, ownerId)) return { sees: 'all' };
    return { sees: 'audience', personId: actor.person.id, inManagerChain: ownerChain.includes(actor.person.id) };
  },

  /**
   * Which evidence of a report a manager counts on their team page: what is
   * shared with the manager chain, or with them by name. Only for a report the
   * `readReports` rule let them see, so they are in the report's chain.
   */
  reportEvidenceViewer(actor: Actor): EvidenceViewer {
    return { sees: 'audience', personId: actor.person.id, inManagerChain: true };
  },

  /** One piece of evidence: by the same rule as the lists (`evidenceViewer`), so a list never shows what a read refuses. */
  readEvidence(actor: Actor, evidence: EvidenceSubject, ownerChain: readonly string[]): Decision {
    const viewer = policy.evidenceViewer(actor, evidence.personId, ownerChain);
    if (viewer.sees === 'all') return allow;
    if (viewer.inManagerChain && evidence.visibility === 'managers') return allow;
    if (evidence.visibility === 'people' && evidence.sharedWith.some((p) => p.id === viewer.personId)) return allow;
    return refuse(EVIDENCE_NOT_SHARED, evidence.personId);
  },

  /** Logging, editing, deleting and restoring evidence: only one's own. */
  writeEvidence(actor: Actor, ownerId: string): Decision {
    if (isSelf(actor, ownerId)) return allow;
    return refuse('evidence can only be logged, edited or deleted by the person it belongs to', ownerId);
  },

  /**
   * Assessments, progress and history are a person's own, and their managers'
   * up the chain (a head of engineering sees the whole organisation). Peers see
   * the profile and shared evidence, not the ratings.
   */
  readAssessments(actor: Actor, subject: Subject, managementChain: readonly string[]): Decision {
    if (isSelf(actor, subject.id) || managementChain.includes(actor.person.id)) return allow;
    return refuse(
      `the assessments and progress of ${subject.name} are visible to them and their managers only`,
      subject.id,
    );
  },

  /**
   * A manager's team page (their reports, with levels and readiness): the
   * manager themself and their own managers up the chain, who see the same
   * part of the organisation. An admin who is not in the chain does not.
   */
  readReports(actor: Actor, manager: Subject, managementChain: readonly string[]): Decision {
    if (isSelf(actor, manager.id) || managementChain.includes(actor.person.id)) return allow;
    return refuse(`the team of ${manager.name} is visible to them and their managers only`);
  },

  /** A self-assessment only of oneself; a manager assessment only of one's direct reports. */
  recordAssessment(actor: Actor, subject: Subject, kind: 'self' | 'manager'): Decision {
    if (kind === 'self') {
      return isSelf(actor, subject.id)
        ? allow
        : refuse('a self-assessment can only be recorded by the person themself', subject.id);
    }
    if (subject.managerId === actor.person.id) return allow;
    return refuse(`only the manager of ${subject.name} can record a manager assessment of them`, subject.id);
  },

  /** "Who has looked at my data" and "what Longhaul holds about me": the person themself only, not even an admin. */
  readOwnData(actor: Actor, subject: Subject): Decision {
    if (isSelf(actor, subject.id)) return allow;
    return refuse(`only ${subject.name} can see what Longhaul holds about them and who has looked at it`, subject.id);
  },

  /** The whole audit log and its export: admins only. */
  readAuditLog(actor: Actor): Decision {
    return actor.isAdmin ? allow : refuse('only an admin can read the audit log');
  },

  /** Deleting an account and its data: the person themself, or an admin. */
  deletePerson(actor: Actor, subject: Subject): Decision {
    if (isSelf(actor, subject.id) || actor.isAdmin) return allow;
    return refuse(`only ${subject.name} or an admin can delete their account and data`, subject.id);
  },
};
