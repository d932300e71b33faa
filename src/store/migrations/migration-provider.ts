import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial.js';
import { evidenceSoftDeleteMigration } from './0002-evidence-soft-delete.js';
import { personTimeZoneMigration } from './0003-person-time-zone.js';
import { organisationMigration } from './0004-organisation.js';
import { accountsMigration } from './0005-accounts.js';
import { peopleNameKeyMigration } from './0006-people-name-key.js';
import { oidcSignInsMigration } from './0007-oidc-sign-ins.js';
import { evidenceAudienceMigration } from './0008-evidence-audience.js';
import { auditLogMigration } from './0009-audit-log.js';

/**
 * Every migration, in code rather than read from a folder at run time, so the
 * compiled package migrates wherever it is installed. Kysely runs them in
 * name order; a new migration gets the next number and is added here. Numbers
 * taken on parallel branches may land out of order: the Migrator allows that.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '0001-initial': initialMigration,
  '0002-evidence-soft-delete': evidenceSoftDeleteMigration,
  '0003-person-time-zone': personTimeZoneMigration,
  '0004-organisation': organisationMigration,
  '0005-accounts': accountsMigration,
  '0006-people-name-key': peopleNameKeyMigration,
  '0007-oidc-sign-ins': oidcSignInsMigration,
  '0008-evidence-audience': evidenceAudienceMigration,
  '0009-audit-log': auditLogMigration,
});

/** Hands Kysely's Migrator the in-code list above instead of scanning the disk. */
export class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Readonly<Record<string, Migration>> = MIGRATIONS) {}

  /** Returns a copy, so the Migrator cannot change the shared list. */
  async getMigrations(): Promise<Record<string, Migration>> {
    return { ...this.migrations };
  }
}
