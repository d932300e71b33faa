import { fileURLToPath } from 'node:url';
import { DEFAULT_LADDER_FILE } from './ladder-files.js';

/*
 * Test support (not a test itself): the ladders that ship with Longhaul and
 * that suites run over, so a single-track ladder is never the only case.
 */

/** The example ladder with an individual-contributor and an engineering-manager track. */
export const TWO_TRACK_LADDER_FILE = fileURLToPath(
  new URL('../../ladders/examples/engineering-two-track.yaml', import.meta.url),
);

/** One ladder a suite runs over: a name for the test titles and its file. */
export interface LadderCase {
  name: string;
  file: string;
}

/** The rating ladders the service, API and browser suites run over, like the store suite's DIALECTS. */
export const LADDERS: readonly LadderCase[] = [
  { name: 'the default ladder', file: DEFAULT_LADDER_FILE },
  { name: 'the two-track ladder', file: TWO_TRACK_LADDER_FILE },
];
