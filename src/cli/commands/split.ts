// `modsplit split <module.py>`: plan (given, --into, or proposed) -> change set -> static checks -> dry run / diff,
// or write all-or-nothing, verify with Python and the project's commands, and roll back on a regression.

import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { buildProjectChangeSet } from '../../emit/index.js';
import type { ChangeSet } from '../../model/changes.js';
import { type Diagnostic, hasErrors } from '../../model/diagnostics.js';
import type { SplitPlan } from '../../model/plan.js';
import { countLines } from '../../model/text.js';
import { collectExportedNames } from '../../plan/exported-names.js';
import { planFromIntoArgs, readPlanFile } from '../../plan/plan-file.js';
import { collectProjectStyle, type ProjectStyle } from '../../plan/project-style.js';
import { proposePlan } from '../../plan/propose-plan.js';
import { resolvePlan } from '../../plan/resolve-plan.js';
import { collectSplitFacts } from '../../plan/split-facts.js';
import { readProjectFileSync } from '../../read/project-files.js';
import { renderChangeSetDiff } from '../../report/render-diff.js';
import {
  type CommandRun,
  collectReachableNames,
  compareVerifyRuns,
  findPython,
  type ReachableNames,
  regressionDiagnostics,
  runVerifyCommands,
  suggestVerifyCommands,
  verifyChangeSetStatically,
  verifyWithPython,
} from '../../verify/index.js';
import { checkWritable, undoLastSplit, writeChangeSet } from '../../write/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { type LoadedModule, loadModule } from '../load-module.js';
import type { Output } from '../output.js';
import { noProgress, type Progress } from '../progress.js';

export interface SplitCommandOptions {
  readonly root?: string;
  readonly plan?: string;
  readonly into: readonly string[];
  readonly dryRun: boolean;
  readonly diff: boolean;
  readonly format: 'text' | 'json';
  readonly allowDirty: boolean;
  readonly verify: readonly string[];
  readonly python?: string;
  readonly rewriteImports?: boolean;
  /** Skip the Python import check after writing (not recommended). */
  readonly skipPythonCheck?: boolean;
  /** Shows slow steps (scan, Python checks, verify commands) on a terminal. */
  readonly progress?: Progress;
}

interface SplitReport {
  written: boolean;
  rolledBack: boolean;
  changeSet?: ChangeSet;
  diagnostics: Diagnostic[];
  commands: { before: CommandRun[]; after: CommandRun[] };
  timings: Record<string, number>;
}

export async function runSplit(
  moduleArg: string,
  opts: SplitCommandOptions,
  out: Output,
): Promise<ExitCodeValue> {
  const started = performance.now();
  const report: SplitReport = {
    written: false,
    rolledBack: false,
    diagnostics: [],
    commands: { before: [], after: [] },
    timings: {},
  };
  const finish = (code: ExitCodeValue, loaded?: LoadedModule): ExitCodeValue => {
    report.timings.total = Math.round(performance.now() - started);
    printReport(report, opts, out, loaded, code);
    return code;
  };

  const progress = opts.progress ?? noProgress;
  // Importing the module as it is (to know what was reachable on it) needs only its name: it starts as soon as the
  // module is located, so the interpreter runs while the module is read and analyzed and the plan, the change set
  // and the static checks are computed.
  let pythonOptions: { python?: string } = {};
  let pythonLookup: ReturnType<typeof findPython> | undefined;
  let reachableBefore: Promise<ReachableNames> | undefined;
  const { loaded, diagnostics } = await loadModule(moduleArg, {
    scan: true,
    ...(opts.root ? { root: opts.root } : {}),
    progress,
    onLocated: (root, config, location) => {
      const python = opts.python ?? config.python;
      pythonOptions = python ? { python: resolve(root, python) } : {};
      pythonLookup = opts.skipPythonCheck || opts.dryRun ? undefined : findPython(root, pythonOptions.python);
      if (pythonLookup && !('code' in pythonLookup)) {
        reachableBefore = collectReachableNames(root, location.dotted, pythonOptions);
        reachableBefore.catch(() => undefined);
      }
    },
  });
  report.diagnostics.push(...diagnostics);
  if (!loaded) return finish(ExitCode.invalid);
  Object.assign(report.timings, loaded.timings);
  const { analysis, location, usage, root, config } = loaded;
  const foundPython = pythonLookup && !('code' in pythonLookup) ? pythonLookup : undefined;
  const style = await collectProjectStyle(root, config, loaded.files);
  report.diagnostics.push(...style.lineLength.diagnostics);

  const planned = choosePlan(opts, loaded, style);
  report.diagnostics.push(...planned.diagnostics);
  if (!planned.plan || hasErrors(planned.diagnostics)) return finish(ExitCode.invalid, loaded);

  const resolution = resolvePlan(analysis, location, usage, planned.plan);
  report.diagnostics.push(...resolution.diagnostics);
  if (!resolution.resolved || hasErrors(resolution.diagnostics)) return finish(ExitCode.invalid, loaded);

  const emitStarted = performance.now();
  const changeSet = await buildProjectChangeSet({
    analysis,
    location,
    usage,
    resolved: resolution.resolved,
    rewriteImports: opts.rewriteImports ?? config.rewriteImports ?? false,
    readText: (path: string) => {
      try {
        return readProjectFileSync(root, path);
      } catch {
        return undefined;
      }
    },
    options: {
      pathExists: (path: string) => existsSync(join(root, path)),
      lineLength: style.lineLength.lineLength,
      ...(style.reexportStyle ? { reexportStyle: style.reexportStyle } : {}),
    },
  });
  report.timings.emit = Math.round(performance.now() - emitStarted);
  report.changeSet = changeSet;
  report.diagnostics.push(...changeSet.diagnostics);
  if (hasErrors(changeSet.diagnostics)) return finish(ExitCode.invalid, loaded);

  const packageDir = location.isPackageInit
    ? posix.dirname(location.modulePath)
    : location.modulePath.replace(/\.py$/, '');
  const staticProblems = await verifyChangeSetStatically(changeSet, analysis.source, {
    packageDir,
    packageDotted: location.dotted,
    fileTexts: readEditedFiles(changeSet, root),
  });
  report.diagnostics.push(...staticProblems);
  if (hasErrors(staticProblems)) return finish(ExitCode.failed, loaded);

  if (opts.dryRun) return finish(ExitCode.ok, loaded);

  const writable = checkWritable(changeSet, { allowDirty: opts.allowDirty });
  report.diagnostics.push(...writable);
  if (hasErrors(writable)) return finish(ExitCode.invalid, loaded);

  const commands = opts.verify.length > 0 ? opts.verify : (config.verify ?? []);
  if (pythonLookup && 'code' in pythonLookup) report.diagnostics.push(asWarning(pythonLookup));
  const importing = reachableBefore;
  const original = importing
    ? await progress.step(`importing ${location.dotted} in Python`, () => importing)
    : undefined;
  if (original && original.diagnostics.length > 0) {
    // The module could not be imported as it is: there is nothing to compare with, so say that loudly.
    report.diagnostics.push(...original.diagnostics.map(asWarning), {
      code: 'MS166',
      severity: 'warning',
      message: `${location.dotted} could not be imported before the split with ${foundPython?.path ?? 'python'}, so the split package will not be checked by importing it`,
      help: "pass --python with the project's interpreter (or set `python` in [tool.modsplit])",
    });
  }
  if (commands.length > 0) {
    const beforeStarted = performance.now();
    report.commands.before = await runCommandsWithProgress(progress, root, commands, 'before the split');
    report.timings.verifyBefore = Math.round(performance.now() - beforeStarted);
  }

  const writeStarted = performance.now();
  const written = await writeChangeSet(changeSet, { allowDirty: opts.allowDirty });
  report.timings.write = Math.round(performance.now() - writeStarted);
  report.diagnostics.push(...written.diagnostics);
  if (hasErrors(written.diagnostics)) return finish(ExitCode.failed, loaded);
  report.written = true;

  const afterStarted = performance.now();
  const problems: Diagnostic[] = [];
  if (foundPython && original && original.names.length > 0) {
    // Only what the split promises is checked: the names importers can reach (the re-exports), and the star-import
    // set only where it is a contract (an `__all__`, or a file that star-imports the module).
    const exported = collectExportedNames(collectSplitFacts(analysis), usage);
    const starIsContract = exported.starImported || analysis.dunderAll !== null;
    const checked = await progress.step(`importing the package ${location.dotted} in Python`, () =>
      verifyWithPython(root, location.dotted, {
        ...pythonOptions,
        original: {
          names: original.names.filter((n) => exported.names.includes(n)),
          knownUnresolved: original.unresolved,
          ...(starIsContract ? { starNames: original.starNames } : {}),
        },
      }),
    );
    problems.push(...checked.diagnostics);
  }
  if (commands.length > 0) {
    report.commands.after = await runCommandsWithProgress(progress, root, commands, 'after the split');
    problems.push(...regressionDiagnostics(compareVerifyRuns(report.commands.before, report.commands.after)));
  }
  report.timings.verifyAfter = Math.round(performance.now() - afterStarted);
  report.diagnostics.push(...problems);
  if (hasErrors(problems)) {
    const undone = await undoLastSplit(root, { purgeCreatedDirs: true });
    report.diagnostics.push(...undone.diagnostics);
    report.rolledBack = undone.outcome === 'undone';
    return finish(ExitCode.failed, loaded);
  }
  return finish(ExitCode.ok, loaded);
}

/** The verify commands one by one, each shown while it runs (`running \`python manage.py test\` (after the split)`). */
async function runCommandsWithProgress(
  progress: Progress,
  root: string,
  commands: readonly string[],
  when: string,
): Promise<CommandRun[]> {
  const runs: CommandRun[] = [];
  for (const command of commands) {
    runs.push(
      ...(await progress.step(`running \`${command}\` (${when})`, () => runVerifyCommands(root, [command]))),
    );
  }
  return runs;
}

function choosePlan(
  opts: SplitCommandOptions,
  loaded: LoadedModule,
  style: ProjectStyle,
): { plan?: SplitPlan; diagnostics: Diagnostic[] } {
  if (opts.plan && opts.into.length > 0) {
    return {
      diagnostics: [
        {
          code: 'MS162',
          severity: 'error',
          message: '--plan and --into both give a plan',
          help: 'pass one of them',
        },
      ],
    };
  }
  if (opts.plan) {
    let text: string;
    try {
      text = readFileSync(opts.plan, 'utf8');
    } catch {
      return {
        diagnostics: [
          {
            code: 'MS163',
            severity: 'error',
            message: `cannot read the plan file ${opts.plan}`,
            help: 'pass the path of an existing plan.toml',
          },
        ],
      };
    }
    const { plan, diagnostics } = readPlanFile(text, opts.plan);
    const mismatch =
      plan?.module !== undefined && plan.module !== loaded.location.modulePath
        ? [
            {
              code: 'MS164',
              severity: 'error' as const,
              message: `the plan is for ${plan.module}, not ${loaded.location.modulePath}`,
              location: { path: opts.plan, line: 1, column: 1 },
              help: `split ${plan.module}, or change \`module\` in the plan`,
            },
          ]
        : [];
    return { ...(plan ? { plan } : {}), diagnostics: [...diagnostics, ...mismatch] };
  }
  if (opts.into.length > 0) {
    const { plan, diagnostics } = planFromIntoArgs(opts.into);
    return { ...(plan ? { plan } : {}), diagnostics: [...diagnostics] };
  }
  const proposal = proposePlan(loaded.analysis, {
    existingStyle: style.existingStyle,
    project: { location: loaded.location, usage: loaded.usage },
  });
  return {
    plan: proposal.plan,
    diagnostics: [
      ...proposal.diagnostics,
      {
        code: 'MS165',
        severity: 'info',
        message: `no plan given: using the proposed plan (${Object.keys(proposal.plan.files).join(', ')})`,
        help: `run \`modsplit plan ${loaded.location.modulePath} -o plan.toml\`, edit it, and pass --plan plan.toml`,
      },
    ],
  };
}

function readEditedFiles(changeSet: ChangeSet, root: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const change of changeSet.changes) {
    if (change.kind === 'edit') texts[change.path] = readProjectFileSync(root, change.path);
  }
  return texts;
}

function asWarning(d: Diagnostic): Diagnostic {
  return d.severity === 'error' ? { ...d, severity: 'warning' } : d;
}

function printReport(
  report: SplitReport,
  opts: SplitCommandOptions,
  out: Output,
  loaded: LoadedModule | undefined,
  code: ExitCodeValue,
): void {
  const changes = report.changeSet?.changes ?? [];
  const files = changes.map((c) =>
    c.kind === 'create'
      ? { action: 'create', path: c.path, lines: countLines(c.text) }
      : c.kind === 'rename'
        ? {
            action: 'rename',
            path: c.to,
            from: c.from,
            lines: c.text === undefined ? null : countLines(c.text),
          }
        : c.kind === 'edit'
          ? { action: 'edit', path: c.path, edits: c.edits.length }
          : { action: 'delete', path: c.path },
  );
  if (opts.format === 'json') {
    out.out(
      JSON.stringify(
        {
          schemaVersion: 1,
          command: 'split',
          module: loaded?.location.modulePath ?? null,
          package: loaded?.location.dotted ?? null,
          dryRun: opts.dryRun,
          written: report.written,
          rolledBack: report.rolledBack,
          exitCode: code,
          files,
          diagnostics: report.diagnostics,
          verification: {
            before: report.commands.before.map(summarizeRun),
            after: report.commands.after.map(summarizeRun),
          },
          timingsMs: report.timings,
        },
        null,
        2,
      ),
    );
    return;
  }
  out.diagnostics(report.diagnostics, loaded?.root);
  if (opts.diff && report.changeSet && loaded) {
    out.out(
      renderChangeSetDiff(report.changeSet, {
        readText: (path) => readProjectFileSync(loaded.root, path),
        showCarriageReturns: out.stdoutIsTerminal,
      }),
    );
  }
  if (!report.changeSet || !loaded) return;
  const verb = opts.dryRun
    ? 'would write'
    : report.diagnostics.some((d) => d.code === 'MS514')
      ? 'left half-restored (see MS514 above; the journal restores it)'
      : report.rolledBack
        ? 'rolled back'
        : report.written
          ? 'wrote'
          : 'did not write';
  const lines = [
    `${verb} ${files.length} file changes for ${loaded.location.modulePath} -> ${loaded.location.dotted}:`,
  ];
  for (const f of files) {
    const detail =
      'lines' in f && f.lines !== null ? `${f.lines} lines` : 'edits' in f ? `${f.edits} edits` : '';
    lines.push(
      `  ${f.action.padEnd(6)} ${f.path}${'from' in f ? ` (from ${f.from})` : ''}${detail ? `  ${detail}` : ''}`,
    );
  }
  if (report.commands.after.length > 0) {
    for (const run of report.commands.after)
      lines.push(`  verify: ${run.command} -> exit ${run.exitCode} (${run.durationMs} ms)`);
  } else if (!opts.dryRun && report.written && report.commands.before.length === 0) {
    const suggestions = suggestVerifyCommands(loaded.root);
    if (suggestions.length > 0) {
      lines.push(`  next: verify with --verify, e.g. ${suggestions.map((s) => `--verify "${s}"`).join(' ')}`);
    }
  }
  lines.push(`  done in ${report.timings.total} ms`);
  out.err(lines.join('\n'));
}

function summarizeRun(run: CommandRun): Record<string, unknown> {
  return {
    command: run.command,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    tests: run.tests ? Object.fromEntries(run.tests) : null,
  };
}
