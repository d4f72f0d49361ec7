// `modsplit check [package-or-module] [--plan plan.toml]`: a committed plan is a contract. Compares a split package
// with its plan: planned names in the right files, re-exported by `__init__.py`, no sibling-import cycle, and
// warns about public names the plan does not cover. A module not split yet gets the line budget. Changes nothing.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, relative, resolve } from 'node:path';
import { analyzeModule } from '../../analyze/analyze-module.js';
import { type Diagnostic, hasErrors } from '../../model/diagnostics.js';
import type { SplitPlan } from '../../model/plan.js';
import { positionAt } from '../../model/text.js';
import type { ImportBinding, ModuleAnalysis, TopLevelUnit } from '../../model/units.js';
import { readPlanFile } from '../../plan/plan-file.js';
import { locateModule } from '../../read/module-location.js';
import { loadProjectConfig, type ProjectConfig } from '../../read/project-config.js';
import { findProjectRoot } from '../../read/project-files.js';
import { readSourceFile } from '../../read/source-file.js';
import { findImportCycles } from '../../verify/sibling-imports.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { Output } from '../output.js';
import { chooseMaxLines, collectLineBudget, countLines, type LineBudgetResult } from './line-budget.js';

export interface CheckCommandOptions {
  readonly root?: string;
  readonly plan?: string;
  readonly maxLines?: number;
  readonly format: 'text' | 'json';
}

/** One file of the split package, analyzed. */
export interface PackageFile {
  /** File name without `.py` (`github`, `__init__`). */
  readonly stem: string;
  /** Path relative to the project root, POSIX (`apps/integrations/models/github.py`). */
  readonly path: string;
  readonly analysis: ModuleAnalysis;
}

export interface PlanContract {
  readonly plan: SplitPlan;
  /** Where the plan was read from (relative to the root), for locations. */
  readonly planPath: string;
  /** Dotted name of the package when known (recognizes absolute sibling imports), else undefined. */
  readonly packageDotted?: string;
  readonly files: readonly PackageFile[];
}

/** Where the committed plan is looked for when neither `--plan` nor `[tool.modsplit] plan` names one. */
export const DEFAULT_PLAN_FILES = ['modsplit-plan.toml', 'plan.toml'] as const;

const stemOf = (file: string): string => file.replace(/\.py$/, '');

function isPublic(name: string): boolean {
  return !name.startsWith('_');
}

/** Names a unit defines itself (not bound by an import statement). */
function definedNames(unit: TopLevelUnit): readonly string[] {
  return unit.flags.includes('import') ? [] : unit.binds;
}

function unitLocation(file: PackageFile, unit: TopLevelUnit): { path: string; line: number; column: number } {
  return { path: file.path, ...positionAt(file.analysis.source.lineStarts, unit.statementRange.start) };
}

/**
 * The package file an import binding reads at module level, or undefined when it reads outside the package.
 * `from .b import g` -> `b`; `from . import b` -> `b` when b.py exists, else `__init__` (a name of the package);
 * `from pkg.b import g` and `import pkg.b` likewise when the package's dotted name is known.
 */
export function findSiblingTarget(
  binding: ImportBinding,
  stems: ReadonlySet<string>,
  packageDotted: string | undefined,
): string | undefined {
  const { module, imported, level } = binding;
  const inPackage = (rest: string): string | undefined => {
    if (rest === '') return imported !== null && stems.has(imported) ? imported : '__init__';
    const first = rest.split('.')[0] as string;
    return stems.has(first) ? first : undefined;
  };
  if (level === 1) return inPackage(module.slice(1));
  if (level > 1 || !packageDotted || module === '__future__') return undefined;
  if (module === packageDotted) return inPackage('');
  if (module.startsWith(`${packageDotted}.`)) return inPackage(module.slice(packageDotted.length + 1));
  return undefined;
}

/**
 * Everything about the package that breaks its plan:
 * - MS380 a planned name no file defines; MS381 a planned name defined in another file than planned;
 * - MS382 a planned public name `__init__.py` does not import (so `from pkg import X` fails);
 * - MS383 (warning) a public class or function the plan does not mention, tied to nothing planned in its file;
 * - MS384 a cycle of module-level imports between the package's files, with the chain.
 *
 * @example
 * // plan "github.py" = ["GitHubIntegration"], but jira.py defines `class GitHubIntegration`:
 * collectPlanDrift(contract) // [{ code: 'MS381', location: { path: '.../jira.py', line: 12, column: 1 }, ... }]
 */
export function collectPlanDrift(contract: PlanContract): Diagnostic[] {
  const { plan, planPath, files, packageDotted } = contract;
  const diagnostics: Diagnostic[] = [];
  const byStem = new Map(files.map((f) => [f.stem, f]));
  const stems = new Set(byStem.keys());
  const definitions = new Map<string, { file: PackageFile; unit: TopLevelUnit }[]>();
  for (const file of files) {
    for (const unit of file.analysis.units) {
      for (const name of definedNames(unit)) {
        const list = definitions.get(name) ?? [];
        if (!list.some((d) => d.file === file)) list.push({ file, unit });
        definitions.set(name, list);
      }
    }
  }
  const planLocation = (file: string, name: string) => ({
    path: planPath,
    line: plan.origin?.nameLines[file]?.[name] ?? plan.origin?.fileLines[file] ?? 1,
    column: 1,
  });
  const plannedStem = new Map<string, string>();
  for (const [file, names] of Object.entries(plan.files)) {
    for (const name of names) if (!plannedStem.has(name)) plannedStem.set(name, stemOf(file));
  }

  for (const [file, names] of Object.entries(plan.files)) {
    const stem = stemOf(file);
    for (const name of names) {
      if (plannedStem.get(name) !== stem) continue;
      const where = definitions.get(name) ?? [];
      const planned = planLocation(file, name);
      if (where.length === 0) {
        diagnostics.push({
          code: 'MS380',
          severity: 'error',
          message: `\`${name}\` is planned for ${file}, but no file of the package defines it`,
          location: planned,
          ...(byStem.has(stem) ? {} : { notes: [`${file} does not exist in the package`] }),
          help: `restore \`${name}\` in ${file}, or remove it from the plan`,
        });
        continue;
      }
      for (const { file: actual, unit } of where) {
        if (actual.stem === stem) continue;
        const alsoRight = where.some((w) => w.file.stem === stem);
        diagnostics.push({
          code: 'MS381',
          severity: 'error',
          message: `\`${name}\` is defined in ${actual.stem}.py, but the plan puts it in ${file}`,
          location: unitLocation(actual, unit),
          notes: [
            `${planned.path}:${planned.line}: the plan lists \`${name}\` under "${file}"`,
            ...(alsoRight
              ? [
                  `${file} defines it too: two definitions are two objects (isinstance checks and registries break)`,
                ]
              : []),
          ],
          help: alsoRight
            ? `remove the second definition from ${actual.stem}.py`
            : `move \`${name}\` back to ${file}, or change the plan and commit both`,
        });
      }
    }
  }

  const init = byStem.get('__init__');
  if (init) {
    for (const [name, stem] of plannedStem) {
      if (!isPublic(name) || !definitions.has(name)) continue;
      if (stem === '__init__' && definitions.get(name)?.some((d) => d.file === init)) continue;
      if (findReexport(init, name, byStem, packageDotted)) continue;
      const anchor = init.analysis.units.find((u) =>
        u.imports.some((b) => findSiblingTarget(b, stems, packageDotted) === stem),
      );
      const stale = init.analysis.units.find((u) =>
        u.imports.some((b) => b.name === name && findSiblingTarget(b, stems, packageDotted) !== undefined),
      );
      diagnostics.push({
        code: 'MS382',
        severity: 'error',
        message: `\`${name}\` is not imported by ${init.path}, so \`from ${packageDotted ?? 'the package'} import ${name}\` fails`,
        location: anchor ? unitLocation(init, anchor) : { path: init.path, line: 1, column: 1 },
        ...(stale
          ? {
              notes: [
                `${init.path}:${unitLocation(init, stale).line} imports \`${name}\` from a file that does not define it`,
              ],
            }
          : {}),
        help: `add \`from .${stem} import ${name} as ${name}\` to __init__.py`,
      });
    }
  }

  for (const file of files) {
    if (file.stem === '__main__') continue;
    diagnostics.push(...collectUnplannedNames(file, plannedStem));
  }
  diagnostics.push(...collectCycles(files, stems, packageDotted));
  return diagnostics;
}

/** Whether `__init__.py` binds `name` by importing it from a package file that binds it (or star-imports it). */
function findReexport(
  init: PackageFile,
  name: string,
  byStem: ReadonlyMap<string, PackageFile>,
  packageDotted: string | undefined,
): boolean {
  const stems = new Set(byStem.keys());
  for (const unit of init.analysis.units) {
    if (unit.flags.includes('type-checking')) continue;
    for (const binding of unit.imports) {
      const target = findSiblingTarget(binding, stems, packageDotted);
      if (target === undefined || target === '__init__') continue;
      const source = byStem.get(target)?.analysis;
      if (!source || !Object.hasOwn(source.bindings, name)) continue;
      if (binding.name === name && binding.imported === name) return true;
      if (binding.imported === '*' && isPublic(name) && (source.dunderAll ?? [name]).includes(name))
        return true;
    }
  }
  return false;
}

/**
 * MS383: public classes and functions of one file that the plan does not name and that are not tied (through uses,
 * either way, within the file) to a name the plan puts in that file. A model's QuerySet, a receiver of a planned
 * model, or a helper of one are tied; a new class nothing planned touches is not.
 */
function collectUnplannedNames(file: PackageFile, plannedStem: ReadonlyMap<string, string>): Diagnostic[] {
  const { units } = file.analysis;
  const defined = new Set(units.flatMap(definedNames));
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a))?.add(b);
    (neighbours.get(b) ?? neighbours.set(b, new Set()).get(b))?.add(a);
  };
  for (const unit of units) {
    for (const name of definedNames(unit)) {
      for (const use of unit.uses) if (defined.has(use.name)) link(name, use.name);
    }
  }
  const tied = new Set([...defined].filter((n) => plannedStem.get(n) === file.stem));
  const queue = [...tied];
  while (queue.length > 0) {
    for (const next of neighbours.get(queue.pop() as string) ?? []) {
      if (!tied.has(next)) {
        tied.add(next);
        queue.push(next);
      }
    }
  }
  const out: Diagnostic[] = [];
  for (const unit of units) {
    const name = unit.definition?.name;
    if (!name || !isPublic(name) || plannedStem.has(name) || tied.has(name)) continue;
    out.push({
      code: 'MS383',
      severity: 'warning',
      message: `${unit.definition?.kind} \`${name}\` in ${file.stem}.py is not in the plan, and nothing the plan puts in ${file.stem}.py uses it or is used by it`,
      location: unitLocation(file, unit),
      help: `add \`${name}\` to the plan under the file it belongs to, and move it there if that is another file`,
    });
  }
  return out;
}

/** MS384: cycles of module-level imports between the package's files, one per strongly connected component. */
function collectCycles(
  files: readonly PackageFile[],
  stems: ReadonlySet<string>,
  packageDotted: string | undefined,
): Diagnostic[] {
  const edges = new Map<string, string[]>();
  const firstImport = new Map<string, { file: PackageFile; binding: ImportBinding; statement: string }>();
  for (const file of files) {
    const targets: string[] = [];
    for (const unit of file.analysis.units) {
      if (unit.flags.includes('type-checking')) continue;
      for (const binding of unit.imports) {
        const target = findSiblingTarget(binding, stems, packageDotted);
        if (target === undefined || target === file.stem) continue;
        if (!targets.includes(target)) targets.push(target);
        const key = `${file.stem}\u0000${target}`;
        if (!firstImport.has(key)) {
          const { start, end } = unit.statementRange;
          const statement = file.analysis.source.text.slice(start, end).replace(/\s+/g, ' ');
          firstImport.set(key, { file, binding, statement });
        }
      }
    }
    edges.set(file.stem, targets);
  }
  return findImportCycles(edges).map((cycle) => {
    const chain = [...cycle, cycle[0] as string];
    const hops = cycle.map((from, i) => firstImport.get(`${from}\u0000${chain[i + 1]}`));
    const first = hops[0];
    const where = (hop: (typeof hops)[number]) =>
      hop
        ? `${hop.file.path}:${positionAt(hop.file.analysis.source.lineStarts, hop.binding.range.start).line}: ${hop.statement}`
        : '';
    return {
      code: 'MS384',
      severity: 'error' as const,
      message: `the package's files import each other at module level: ${chain.map((s) => `${s}.py`).join(' -> ')}`,
      ...(first
        ? {
            location: {
              path: first.file.path,
              ...positionAt(first.file.analysis.source.lineStarts, first.binding.range.start),
            },
          }
        : {}),
      notes: hops.map(where).filter((n) => n !== ''),
      help: 'move the shared name into the lower file, refer to models by string, or import inside the function',
    };
  });
}

interface CheckTarget {
  readonly kind: 'package' | 'module';
  /** Absolute package folder, or absolute module file. */
  readonly path: string;
}

/** A package folder, its `__init__.py`, the module path it was split from, or a module not split yet. */
function resolveTarget(abs: string): CheckTarget | undefined {
  const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    return isFile(join(abs, '__init__.py')) ? { kind: 'package', path: abs } : undefined;
  }
  if (basename(abs) === '__init__.py' && isFile(abs)) return { kind: 'package', path: dirname(abs) };
  if (abs.endsWith('.py') && isFile(abs)) return { kind: 'module', path: abs };
  if (abs.endsWith('.py') && isFile(join(abs.slice(0, -3), '__init__.py'))) {
    return { kind: 'package', path: abs.slice(0, -3) };
  }
  return undefined;
}

/** The package folder a plan's `module` becomes (`a/models.py` -> `a/models`; a split `__init__.py` stays). */
function packageDirOf(modulePath: string): string {
  const normal = posix.normalize(toPosix(modulePath)).replace(/^\.\//, '');
  return normal.endsWith('/__init__.py') || normal === '__init__.py'
    ? posix.dirname(normal)
    : normal.replace(/\.py$/, '');
}

interface FoundPlan {
  readonly plan?: SplitPlan;
  readonly path?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** The plan named by `--plan` (relative to the working directory), `[tool.modsplit] plan`, or a default file. */
function findPlan(root: string, flag: string | undefined, config: ProjectConfig): FoundPlan {
  const candidates = flag
    ? [resolve(flag)]
    : config.plan
      ? [resolve(root, config.plan)]
      : DEFAULT_PLAN_FILES.map((f) => join(root, f));
  const abs = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!abs) {
    const named = flag ?? config.plan;
    return {
      diagnostics: [
        {
          code: 'MS385',
          severity: 'error',
          message: named
            ? `the plan file ${named} does not exist`
            : `no plan to check against: ${DEFAULT_PLAN_FILES.join(' and ')} are not at the project root`,
          help: 'pass --plan plan.toml, or set `plan = "..."` under [tool.modsplit] in pyproject.toml',
        },
      ],
    };
  }
  const display = toPosix(relative(root, abs));
  const shown = display.startsWith('..') ? abs : display;
  const { plan, diagnostics } = readPlanFile(readFileSync(abs, 'utf8'), shown);
  return { ...(plan ? { plan } : {}), path: shown, diagnostics };
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

interface CheckReport {
  mode: 'package' | 'module' | null;
  packageDir: string | null;
  packageDotted: string | null;
  planPath: string | null;
  plannedNames: number;
  files: { path: string; lines: number }[];
  lineBudget: LineBudgetResult | null;
  diagnostics: Diagnostic[];
}

export async function runCheck(
  targetArg: string | undefined,
  opts: CheckCommandOptions,
  out: Output,
): Promise<ExitCodeValue> {
  const report: CheckReport = {
    mode: null,
    packageDir: null,
    packageDotted: null,
    planPath: null,
    plannedNames: 0,
    files: [],
    lineBudget: null,
    diagnostics: [],
  };
  const targetAbs = targetArg === undefined ? undefined : resolve(targetArg);
  const root = resolve(opts.root ?? findProjectRoot(targetAbs ?? resolve('modsplit-check')));
  const finish = (code: ExitCodeValue) => printCheck(report, code, opts, out, root);

  const { config, diagnostics: configProblems } = loadProjectConfig(root);
  report.diagnostics.push(...configProblems);
  if (hasErrors(configProblems)) return finish(ExitCode.invalid);

  const needPlan = (): FoundPlan => {
    const found = findPlan(root, opts.plan, config);
    report.diagnostics.push(...found.diagnostics);
    if (found.path) report.planPath = found.path;
    return found;
  };

  let target: CheckTarget | undefined;
  let found: FoundPlan | undefined;
  if (targetAbs) {
    target = resolveTarget(targetAbs);
  } else {
    found = needPlan();
    if (!found.plan || hasErrors(found.diagnostics)) return finish(ExitCode.invalid);
    if (found.plan.module === undefined) {
      report.diagnostics.push({
        code: 'MS385',
        severity: 'error',
        message: `the plan ${found.path} does not say which module it splits`,
        ...(found.path ? { location: { path: found.path, line: 1, column: 1 } } : {}),
        help: 'add `module = "app/models.py"` at the top of the plan, or pass the package to check',
      });
      return finish(ExitCode.invalid);
    }
    target = resolveTarget(resolve(root, found.plan.module));
  }
  if (!target) {
    const shown = targetArg ?? found?.plan?.module ?? '';
    report.diagnostics.push({
      code: 'MS386',
      severity: 'error',
      message: `${shown} is neither a split package (a folder with __init__.py) nor a Python module`,
      help: 'pass the package folder, its __init__.py, or the module path the plan names',
    });
    return finish(ExitCode.invalid);
  }

  const configuredBudget = opts.maxLines ?? config.maxLines;
  if (target.kind === 'module') {
    report.mode = 'module';
    const shown = toPosix(relative(process.cwd(), target.path));
    report.diagnostics.push({
      code: 'MS390',
      severity: 'info',
      message: `${shown} is not split yet: only its line budget is checked`,
      help: `split it with \`modsplit split ${shown} --plan <plan>\` when it outgrows the budget`,
    });
    const budget = collectLineBudget([shown], chooseMaxLines(opts.maxLines, config.maxLines), process.cwd());
    report.lineBudget = budget;
    report.diagnostics.push(...budget.diagnostics);
    return finish(hasErrors(budget.diagnostics) ? ExitCode.failed : ExitCode.ok);
  }

  report.mode = 'package';
  const packageDir = toPosix(relative(root, target.path));
  report.packageDir = packageDir;
  found ??= needPlan();
  if (!found.plan || hasErrors(found.diagnostics)) return finish(ExitCode.invalid);
  const plan = found.plan;
  report.plannedNames = new Set(Object.values(plan.files).flat()).size;
  if (plan.module !== undefined && packageDirOf(plan.module) !== packageDir) {
    report.diagnostics.push({
      code: 'MS387',
      severity: 'error',
      message: `the plan is for ${plan.module}, not for the package ${packageDir}`,
      location: { path: found.path ?? 'plan.toml', line: 1, column: 1 },
      help: `check ${packageDirOf(plan.module)}, or pass the plan of ${packageDir}`,
    });
    return finish(ExitCode.invalid);
  }

  const located = locateModule(root, join(target.path, '__init__.py'), {
    ...(config.importRoots ? { importRoots: config.importRoots } : {}),
  });
  const packageDotted = located.location?.dotted;
  report.packageDotted = packageDotted ?? null;

  const files: PackageFile[] = [];
  const names = readdirSync(target.path)
    .filter((n) => n.endsWith('.py') && statSync(join(target.path, n)).isFile())
    .sort();
  for (const name of names) {
    const path = posix.join(packageDir, name);
    const read = await readSourceFile(join(target.path, name), path);
    if (!read.ok) {
      report.diagnostics.push(read.diagnostic);
      continue;
    }
    const { analysis, diagnostics } = await analyzeModule(read.source);
    report.diagnostics.push(...diagnostics.filter((d) => d.severity === 'error'));
    if (!analysis) continue;
    files.push({ stem: stemOf(name), path, analysis });
    report.files.push({ path, lines: countLines(analysis.source.text) });
  }
  if (hasErrors(report.diagnostics)) return finish(ExitCode.invalid);

  const drift = collectPlanDrift({
    plan,
    planPath: found.path ?? 'plan.toml',
    files,
    ...(packageDotted ? { packageDotted } : {}),
  });
  report.diagnostics.push(...drift);
  if (configuredBudget !== undefined) {
    const budget = collectLineBudget(
      files.map((f) => f.path),
      configuredBudget,
      root,
    );
    report.lineBudget = budget;
    report.diagnostics.push(...budget.diagnostics);
  }
  return finish(hasErrors(report.diagnostics) ? ExitCode.failed : ExitCode.ok);
}

function printCheck(
  report: CheckReport,
  code: ExitCodeValue,
  opts: CheckCommandOptions,
  out: Output,
  root: string,
): ExitCodeValue {
  if (opts.format === 'json') {
    out.out(
      JSON.stringify(
        {
          schemaVersion: 1,
          command: 'check',
          mode: report.mode,
          package: report.packageDotted,
          packageDir: report.packageDir,
          plan: report.planPath,
          matches: code === ExitCode.ok,
          exitCode: code,
          plannedNames: report.plannedNames,
          files: report.files,
          lineBudget: report.lineBudget
            ? { maxLines: report.lineBudget.maxLines, files: report.lineBudget.files }
            : null,
          diagnostics: report.diagnostics,
        },
        null,
        2,
      ),
    );
    return code;
  }
  out.diagnostics(report.diagnostics, report.mode === 'module' ? process.cwd() : root);
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (report.mode === 'package' && report.planPath && code !== ExitCode.invalid) {
    out.err(
      code === ExitCode.ok
        ? `${report.packageDir} matches ${report.planPath} (${report.files.length} files, ${report.plannedNames} planned names${warnings > 0 ? `, ${counts}` : ''})`
        : `${report.packageDir} does not match ${report.planPath}: ${counts}`,
    );
  } else if (report.mode === 'module' && report.lineBudget && code === ExitCode.ok) {
    const file = report.lineBudget.files[0];
    if (file)
      out.err(`${file.path}: ${file.lines} lines, within the budget of ${report.lineBudget.maxLines}`);
  }
  return code;
}
