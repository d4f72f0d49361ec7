// The prelude every module command shares: find the root, recover an interrupted write, read the config, read and
// analyze the module, locate it in the project and (when asked) scan the project for its importers.

import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { analyzeModule } from '../analyze/analyze-module.js';
import { scanProjectUsage } from '../analyze/importers/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { hasErrors } from '../model/diagnostics.js';
import { type ModuleLocation, NO_PROJECT_USAGE, type ProjectUsage } from '../model/project.js';
import type { ModuleAnalysis } from '../model/units.js';
import { locateModule } from '../read/module-location.js';
import { loadProjectConfig, type ProjectConfig } from '../read/project-config.js';
import { findProjectRoot, listProjectFiles } from '../read/project-files.js';
import { readSourceFile } from '../read/source-file.js';
import { recoverInterruptedWrite } from '../write/index.js';
import type { Output } from './output.js';
import { noProgress, type Progress } from './progress.js';

export interface LoadedModule {
  readonly root: string;
  readonly config: ProjectConfig;
  readonly analysis: ModuleAnalysis;
  readonly location: ModuleLocation;
  readonly usage: ProjectUsage;
  /**
   * Milliseconds spent per step, for `--verbose` and benchmarks. The scan runs alongside the read and the analysis:
   * `scan` is its whole span, `scanWait` the part after the analysis was done (what it added to the total).
   */
  readonly timings: Readonly<Record<string, number>>;
  /** The project's `.py` files (relative, POSIX) when the scan listed them. */
  readonly files?: readonly string[];
}

export interface LoadModuleOptions {
  readonly root?: string;
  /** Scan the project for importers (analyze, plan and split need it; a quick look does not). */
  readonly scan: boolean;
  readonly importRoots?: readonly string[];
  readonly exclude?: readonly string[];
  /** Shows the project scan on a terminal when it takes over a second (src/cli/progress.ts). */
  readonly progress?: Progress;
  /**
   * Called once the module is located, before it is read: work that needs only the root, the config and the
   * location (split's Python import of the module as it is) starts here, so it runs alongside the read and the analysis.
   */
  readonly onLocated?: (root: string, config: ProjectConfig, location: ModuleLocation) => void;
}

export interface LoadModuleResult {
  readonly loaded?: LoadedModule;
  readonly diagnostics: readonly Diagnostic[];
}

export async function loadModule(moduleArg: string, options: LoadModuleOptions): Promise<LoadModuleResult> {
  const timings: Record<string, number> = {};
  const time = async <T>(step: string, fn: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      timings[step] = Math.round((performance.now() - started) * 10) / 10;
    }
  };
  const moduleAbs = resolve(moduleArg);
  const root = resolve(options.root ?? findProjectRoot(moduleAbs));

  // Recovery comes before the module test: a split killed after its renames leaves `models/` where `models.py` was,
  // and re-running the same command must put `models.py` back rather than call it already split.
  const recovery = existsSync(root)
    ? await recoverInterruptedWrite(root)
    : { outcome: 'nothing-to-do' as const, diagnostics: [] };
  const diagnostics: Diagnostic[] = [...recovery.diagnostics];
  if (recovery.outcome === 'blocked') return { diagnostics };
  const missing = findMissingModule(moduleArg, moduleAbs);
  if (missing) return { diagnostics: [...diagnostics, missing] };

  const { config, diagnostics: configProblems } = loadProjectConfig(root);
  diagnostics.push(...configProblems);
  if (hasErrors(configProblems)) return { diagnostics };

  const importRoots = options.importRoots ?? config.importRoots;
  const located = locateModule(root, moduleAbs, importRoots ? { importRoots } : {});
  const location = located.location;
  const exclude = options.exclude ?? config.exclude;
  const progress = options.progress ?? noProgress;
  // The scan needs only the location, so it starts first: its git subprocesses and file reads proceed at every
  // await of the read and the analysis (and run on another core) instead of after them.
  let projectFiles: readonly string[] | undefined;
  const scanning =
    options.scan && location && !hasErrors(located.diagnostics)
      ? time('scan', async () => {
          const files = await progress.step('listing the project files', () =>
            listProjectFiles(root, { exclude: exclude ?? [] }),
          );
          projectFiles = files;
          return progress.step(
            `scanning ${files.length.toLocaleString('en-US')} files for importers of ${location.dotted}`,
            () =>
              scanProjectUsage(location, {
                ...(importRoots ? { importRoots } : {}),
                ...(exclude ? { exclude } : {}),
                files,
              }),
          );
        })
      : undefined;
  // Returning early below leaves the scan to finish unobserved: its failure must not become an unhandled rejection.
  scanning?.catch(() => undefined);
  if (location && !hasErrors(located.diagnostics)) options.onLocated?.(root, config, location);

  const displayPath = relative(root, moduleAbs).split('\\').join('/');
  const read = await time('read', () =>
    readSourceFile(moduleAbs, displayPath.startsWith('..') ? moduleAbs : displayPath),
  );
  if (!read.ok) return { diagnostics: [...diagnostics, read.diagnostic] };

  const { analysis, diagnostics: analysisProblems } = await time('analyze', () => analyzeModule(read.source));
  diagnostics.push(...analysisProblems);
  if (!analysis || hasErrors(analysisProblems)) return { diagnostics };

  diagnostics.push(...located.diagnostics);
  if (!location || hasErrors(located.diagnostics)) return { diagnostics };

  const usage = scanning ? await time('scanWait', () => scanning) : NO_PROJECT_USAGE;
  diagnostics.push(...(usage.diagnostics ?? []));
  return {
    loaded: {
      root,
      config,
      analysis,
      location,
      usage,
      timings,
      ...(projectFiles ? { files: projectFiles } : {}),
    },
    diagnostics,
  };
}

/**
 * The prelude of `analyze` and `plan`: load the module with the project scan and print the diagnostics. Undefined
 * when the module could not be loaded (the command then exits with ExitCode.invalid).
 */
export async function loadScannedModule(
  moduleArg: string,
  opts: { readonly root?: string; readonly progress?: Progress },
  out: Output,
): Promise<LoadedModule | undefined> {
  const { loaded, diagnostics } = await loadModule(moduleArg, {
    scan: true,
    ...(opts.root ? { root: opts.root } : {}),
    ...(opts.progress ? { progress: opts.progress } : {}),
  });
  out.diagnostics(diagnostics, loaded?.root);
  return loaded;
}

/** A clear refusal for a path that is not a module file: missing, a folder, or a module already split. */
function findMissingModule(moduleArg: string, moduleAbs: string): Diagnostic | undefined {
  const where = { path: moduleArg, line: 1, column: 1 };
  if (existsSync(moduleAbs) && statSync(moduleAbs).isFile()) return undefined;
  const asPackage = moduleAbs.endsWith('.py') ? moduleAbs.slice(0, -3) : moduleAbs;
  if (existsSync(join(asPackage, '__init__.py'))) {
    return {
      code: 'MS160',
      severity: 'error',
      message: `${moduleArg} is already a package (${basename(asPackage)}/__init__.py exists), so there is nothing to split`,
      location: { ...where, path: relative(process.cwd(), join(asPackage, '__init__.py')) || moduleArg },
      help: `run \`modsplit check\` to compare the package with its plan, or split one of its files`,
    };
  }
  return {
    code: 'MS161',
    severity: 'error',
    message: `${moduleArg} is not an existing Python file`,
    help: `pass the path of a .py file, e.g. ${join(dirname(moduleArg), 'models.py')}`,
  };
}
