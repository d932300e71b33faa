import type { ImportPlan as ServicePlan } from '../../services/org.service.js';
import type { TeamWithCount } from '../../store/organisation.repository.js';
import type { ImportPlan, Team } from '../api-contract.js';

/** An import's plan as the API shows it: exactly the contract's fields. */
export function presentImportPlan(plan: ServicePlan): ImportPlan {
  return {
    source: plan.source,
    dryRun: plan.dryRun,
    applied: plan.applied,
    added: plan.added.map(({ line, email, name }) => ({ line, email, name })),
    updated: plan.updated.map(({ line, email, name, changes }) => ({
      line,
      email,
      name,
      changes: changes.map(({ field, from, to }) => ({ field, from, to })),
    })),
    unchanged: plan.unchanged,
    teamsCreated: [...plan.teamsCreated],
    notInFile: plan.notInFile,
  };
}

/** A team with its number of active members. */
export function presentTeam(team: TeamWithCount): Team {
  return { id: team.id, name: team.name, createdAt: team.createdAt, members: team.members };
}
