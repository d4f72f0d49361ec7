// `modsplit analyze <module.py>`: the planning document (Markdown, or a terminal summary) or the raw facts as JSON.

import { describeModuleFacts } from '../../report/module-facts-json.js';
import { renderPlanningDocument } from '../../report/planning-document.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { loadScannedModule } from '../load-module.js';
import { type Output, writeResult } from '../output.js';
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
  const loaded = await loadScannedModule(moduleArg, opts, out);
  if (!loaded) return ExitCode.invalid;
  const { analysis, location, usage, config } = loaded;
  const text =
    opts.format === 'json'
      ? `${JSON.stringify(describeModuleFacts(analysis, location, usage), null, 2)}\n`
      : await renderPlanningDocument({ analysis, location, usage, config }, { format: opts.format });
  writeResult(out, text, opts.output);
  return ExitCode.ok;
}
