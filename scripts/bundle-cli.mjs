#!/usr/bin/env node
// `npm run build`'s second step: bundle the CLI (src/cli/main.ts and every module and dependency it loads) into the
// one ESM file dist/cli/main.js that `bin` runs, replacing tsc's output of that file. One file starts ~50 ms faster
// than ~100 ES modules (Node 20 has no module compile cache). The library (dist/index.js, .d.ts) stays tsc's.
// Without esbuild's native binary (an install with --omit=optional, e.g. from git) it keeps tsc's dist/cli/main.js,
// which behaves the same, and says so; it never fails the build for that.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/cli/main.js');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  skip(`esbuild is not installed (${error.code ?? error.message})`);
}

try {
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The CommonJS dependencies (commander) call require() for Node's built-in modules.
    banner: {
      js: "import { createRequire as modsplitCreateRequire } from 'node:module';\nconst require = modsplitCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
} catch (error) {
  // A build failure (esbuild's `errors`) fails the build; esbuild that cannot start (no binary) only skips the bundle.
  if (Array.isArray(error?.errors) && error.errors.length > 0) throw error;
  skip(`esbuild cannot run (${String(error?.message).split('\n')[0]})`);
}

function skip(why) {
  console.error(
    `bundle-cli: ${why}; dist/cli/main.js stays tsc's unbundled output (same behaviour, slower start)`,
  );
  process.exit(0);
}
