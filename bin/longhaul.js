#!/usr/bin/env node
// The installed entry point: runs the compiled CLI, bundled for a fast start
// (dist/bundle/longhaul.mjs), or the plain compiled modules when only
// `tsc` has run. `npm ci` builds both (the prepare script); without either,
// say how to build instead of printing a stack.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/longhaul.mjs', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : existsSync(modules) ? modules : null;
if (entry === null) {
  process.stderr.write('error: Longhaul is not built yet. Run `npm run build` in the checkout, then try again.\n');
  process.exit(1);
}
await import(entry.href);
