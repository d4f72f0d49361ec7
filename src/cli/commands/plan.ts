// `modsplit plan <module.py>`: a complete plan that `split --plan` accepts unchanged.

import { hasErrors } from '../../model/diagnostics.js';
import { renderPlanFile } from '../../plan/plan-file.js';
import { collectProjectStyle } from '../../plan/project-style.js';
import { proposePlan } from '../../plan/propose-plan.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { loadScannedModule } from '../load-module.js';
import { type Output, writeResult } from '../output.js';
import type { Progress } from '../progress.js';

export interface PlanCommandOptions {
  readonly root?: string;
  readonly files?: number;
  readonly format: 'toml' | 'json';
  readonly output?: string;
  /** Shows the project scan on a terminal when it is slow. */
  readonly progress?: Progress;
}

export async function runPlan(
  moduleArg: string,
  opts: PlanCommandOptions,
  out: Output,
): Promise<ExitCodeValue> {
  const loaded = await loadScannedModule(moduleArg, opts, out);
  if (!loaded) return ExitCode.invalid;
  const { existingStyle } = await collectProjectStyle(loaded.root, loaded.config, loaded.files);
  const proposal = proposePlan(loaded.analysis, {
    existingStyle,
    project: { location: loaded.location, usage: loaded.usage },
    ...(opts.files ? { files: opts.files } : {}),
  });
  out.diagnostics(proposal.diagnostics, loaded.root);
  if (hasErrors(proposal.diagnostics)) return ExitCode.invalid;
  const plan = { module: loaded.location.modulePath, files: proposal.plan.files };
  const text =
    opts.format === 'json'
      ? `${JSON.stringify(
          {
            schemaVersion: 1,
            module: loaded.location.modulePath,
            package: loaded.location.dotted,
            files: plan.files,
            reasons: proposal.reasons,
          },
          null,
          2,
        )}\n`
      : renderPlanFile(plan, commentsByFile(plan.files, proposal.reasons));
  writeResult(out, text, opts.output);
  return ExitCode.ok;
}

/** One comment line per file: the reason of its first name, so the TOML explains itself. */
function commentsByFile(
  files: Readonly<Record<string, readonly string[]>>,
  reasons: Readonly<Record<string, string>>,
): Record<string, string[]> {
  const comments: Record<string, string[]> = {};
  for (const [file, names] of Object.entries(files)) {
    const lines = names.filter((n) => reasons[n]).map((n) => `${n}: ${reasons[n]}`);
    comments[file] = lines.slice(0, 3);
  }
  return comments;
}
