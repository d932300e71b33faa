#!/usr/bin/env node
// The installed entry point: runs the compiled CLI. `npm ci` builds dist/ (the
// prepare script); in a checkout without it, say how to build instead of a stack.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('error: Longhaul is not built yet. Run `npm run build` in the checkout, then try again.\n');
  process.exit(1);
}
await import(main.href);
