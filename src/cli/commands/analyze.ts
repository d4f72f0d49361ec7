// `modsplit analyze <module.py>`: the facts about the module and its importers (JSON today; the Markdown
// planning document renders the same facts).

import { writeFileSync } from 'node:fs';
import { describeModuleFacts } from '../../report/module-facts-json.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { loadModule } from '../load-module.js';
import type { Output } from '../output.js';
import type { Progress } from '../progress.js';

export interface AnalyzeCommandOptions {
  readonly root?: string;
  readonly format: 'json' | 'md' | 'text';
  readonly output?: string;
  /** Shows the project scan on a terminal when it is slow. */
  readonly progress?: Progress;
}

export async function runAnalyze(
  moduleArg: string,
  opts: AnalyzeCommandOptions,
  out: Output,
): Promise<ExitCodeValue> {
  const { loaded, diagnostics } = await loadModule(moduleArg, {
    scan: true,
    ...(opts.root ? { root: opts.root } : {}),
    ...(opts.progress ? { progress: opts.progress } : {}),
  });
  out.diagnostics(diagnostics, loaded?.root);
  if (!loaded) return ExitCode.invalid;
  const facts = describeModuleFacts(loaded.analysis, loaded.location, loaded.usage);
  // TODO(#4): the Markdown planning document renders these facts; until it lands every format prints JSON.
  const text = `${JSON.stringify(facts, null, 2)}\n`;
  if (opts.output) writeFileSync(opts.output, text);
  else out.out(text);
  return ExitCode.ok;
}
