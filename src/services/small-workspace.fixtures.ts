import { readFileSync } from 'node:fs';
import { parseLadder } from '../core/ladder-loader.js';
import type { PersonRow } from '../store/schema.js';
import type { LadderSource } from './ladder-files.js';
import { initialiseWorkspace, openWorkspace, type Workspace } from './workspace.service.js';

/*
 * Test support (not a test itself): an in-memory workspace on the core's small
 * ladder (one track, junior and senior; competencies "scope" and "ops"), and
 * edits of that ladder to activate as later versions.
 */

/** The text of src/core/fixtures/small-ladder.yaml. */
export const SMALL_LADDER_TEXT = readFileSync(new URL('../core/fixtures/small-ladder.yaml', import.meta.url), 'utf8');

/** The small ladder, or an edit of its text, as a source to activate. */
export function smallLadder(edit: (text: string) => string = (t) => t): LadderSource {
  const text = edit(SMALL_LADDER_TEXT);
  return { ladder: parseLadder(text, 'small.yaml'), text, displayPath: 'small.yaml' };
}

/** The small ladder with competency "ops" renamed to "operations", its old id kept in `formerly`. */
export const RENAMED_OPS = (text: string): string =>
  text.replace('  - id: ops\n', '  - id: operations\n    formerly: [ops]\n');

/** The small ladder under the all policy with one observed rating enough: each rating moves the level. */
export const ALL_POLICY = (text: string): string =>
  text.replace('title: Small test ladder\n', 'title: Small test ladder\npolicy:\n  kind: all\n  minObserved: 1\n');

/** An initialised in-memory workspace on the small ladder (or an edit of it) and its local person; close it after the test. */
export async function openSmallWorkspace(
  edit?: (text: string) => string,
): Promise<{ workspace: Workspace; source: LadderSource; me: PersonRow }> {
  const workspace = await openWorkspace(':memory:', { create: true });
  const source = smallLadder(edit);
  const { person } = await initialiseWorkspace(workspace.db, { ladder: source, personName: 'Noor Haddad' });
  return { workspace, source, me: person };
}
