import type { PersonRow } from '../store/schema.js';

/*
 * The access policy: the one module that says who may do what. Routes never
 * decide access themselves; their authorize step asks a rule here and turns
 * the decision into a Permit, without which the pipeline does not go on.
 */

/** Who is acting. In local mode, the installation's local person; with accounts, the signed-in one. */
export interface Actor {
  person: PersonRow;
}

/** A rule's answer: allowed, or refused with a sentence the client can show. */
export type Decision = { allowed: true } | { allowed: false; reason: string };

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
}

/** Turns a decision into a Permit, or throws PolicyRefusal with the rule's reason. */
export function permit<T>(decision: Decision, value: T): Permit<T> {
  if (!decision.allowed) throw new PolicyRefusal(decision.reason);
  return { value } as Permit<T>;
}

const allow: Decision = { allowed: true };
const refuse = (reason: string): Decision => ({ allowed: false, reason });
const isSelf = (actor: Actor, personId: string) => actor.person.id === personId;

/** A person as the policy needs them: who they are and who manages them. */
export type Subject = Pick<PersonRow, 'id' | 'name' | 'managerId'>;

/** Evidence as the policy needs it: whose it is and who may see it. */
export interface EvidenceSubject {
  personId: string;
  visibility: 'private' | 'shared';
}

/** The rules. Each takes the actor and what the request is about, and decides. */
export const policy = {
  /** Health, readiness, metrics and the API reference: for probes and people alike, without an actor. */
  openToAll(): Decision {
    return allow;
  },

  /** The ladder is the organisation's shared language: everyone reads every version. */
  readLadders(_actor: Actor): Decision {
    return allow;
  },

  /**
   * Changing the organisation (importing people, moving them between teams
   * and managers, deactivating them, giving the admin role): admins only.
   * Managing people is not enough; the manager role is not an admin's.
   */
  manageOrganisation(actor: Actor): Decision {
    if (actor.person.isAdmin === 1) return allow;
    return refuse(
      `only an admin can change the organisation, and ${actor.person.name} is not one; ask an admin to import the file`,
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
    return refuse(`only ${subject.name} can change their own settings`);
  },

  /** Anyone may list a person's evidence; `evidenceVisibleTo` narrows what the list holds. */
  listEvidence(_actor: Actor, _owner: Subject): Decision {
    return allow;
  },

  /** Which of a person's evidence an actor sees: all of their own, only the shared evidence of others. */
  evidenceVisibleTo(actor: Actor, ownerId: string): 'all' | 'shared' {
    return isSelf(actor, ownerId) ? 'all' : 'shared';
  },

  /** One piece of evidence: the author's own, or shared. */
  readEvidence(actor: Actor, evidence: EvidenceSubject): Decision {
    if (isSelf(actor, evidence.personId) || evidence.visibility === 'shared') return allow;
    return refuse('this evidence is private to its author');
  },

  /** Logging, editing, deleting and restoring evidence: only one's own. */
  writeEvidence(actor: Actor, ownerId: string): Decision {
    if (isSelf(actor, ownerId)) return allow;
    return refuse('evidence can only be logged, edited or deleted by the person it belongs to');
  },

  /**
   * Assessments, progress and history are a person's own, and their managers'
   * up the chain (a head of engineering sees the whole organisation). Peers see
   * the profile and shared evidence, not the ratings.
   */
  readAssessments(actor: Actor, subject: Subject, managementChain: readonly string[]): Decision {
    if (isSelf(actor, subject.id) || managementChain.includes(actor.person.id)) return allow;
    return refuse(`the assessments and progress of ${subject.name} are visible to them and their managers only`);
  },

  /** A self-assessment only of oneself; a manager assessment only of one's direct reports. */
  recordAssessment(actor: Actor, subject: Subject, kind: 'self' | 'manager'): Decision {
    if (kind === 'self') {
      return isSelf(actor, subject.id)
        ? allow
        : refuse('a self-assessment can only be recorded by the person themself');
    }
    if (subject.managerId === actor.person.id) return allow;
    return refuse(`only the manager of ${subject.name} can record a manager assessment of them`);
  },
};
