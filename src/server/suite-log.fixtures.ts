import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/*
 * The log every test server writes during the suite (not a test itself).
 * When the suite's global setup names a folder (LONGHAUL_TEST_LOG_DIR), every
 * server a test starts without a logger of its own logs at debug level to one
 * file per test process there, and the global teardown
 * (test/suite-log.global.ts) reads them all for passwords, tokens, cookies
 * and single sign-on codes. Without the folder, test servers stay silent.
 */

let stream: WriteStream | undefined;

/** The logger option for a test server: the suite's log file, or silence. */
export function suiteLogger(): { level: string; stream: WriteStream } | false {
  const dir = process.env['LONGHAUL_TEST_LOG_DIR'];
  if (dir === undefined || dir === '') return false;
  stream ??= createWriteStream(join(dir, `server-${process.pid}-${Date.now()}.log`), { flags: 'a' });
  return { level: 'debug', stream };
}
