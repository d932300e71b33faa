import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer map of docs/ARCHITECTURE.md is a lint rule; these cases prove the rule bites. */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('layer rules', () => {
  it.each([
    [
      'src/core/example.ts',
      "import { openDatabase } from '../store/database.js';\nexport const x = openDatabase;\n",
      'The core imports no other layer',
    ],
    [
      'src/core/example.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'The core is pure',
    ],
    [
      'src/store/example.ts',
      "import { runCli } from '../cli/program.js';\nexport const x = runCli;\n",
      'The store sits below',
    ],
    [
      'src/site/example.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'The site generator is pure',
    ],
    [
      'src/site/example.ts',
      "import { writeSiteFiles } from '../services/site-files.js';\nexport const x = writeSiteFiles;\n",
      'The site generator uses the core only',
    ],
    [
      'src/services/example.ts',
      "import { runCli } from '../cli/program.js';\nexport const x = runCli;\n",
      'Services know nothing of the CLI',
    ],
  ])('%s may not import across the layer map', async (file, code, message) => {
    expect((await ruleIds(file, code)).join('\n')).toContain(message);
  });

  it('lets the CLI use services and the core', async () => {
    const code =
      "import { parseLadder } from '../core/ladder-loader.js';\nimport { logEvidence } from '../services/evidence.service.js';\nexport const x = [parseLadder, logEvidence];\n";
    expect(await ruleIds('src/cli/example.ts', code)).toEqual([]);
  });

  it('fails a focused test', async () => {
    const code = "import { it } from 'vitest';\nit.only('x', () => undefined);\n";
    expect((await ruleIds('src/core/example.test.ts', code)).join('\n')).toContain(
      'A focused test silences the rest of the suite',
    );
  });
});
