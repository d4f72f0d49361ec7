// `modsplit line-budget <files...> [--max-lines N]`: the pre-commit hook that fails when a Python module outgrows
// its budget and points at `modsplit plan`. It counts lines only; it never parses or changes a file.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Diagnostic, hasErrors } from '../../model/diagnostics.js';
import { countLines } from '../../model/text.js';

export { countLines };

import { loadProjectConfig } from '../../read/project-config.js';
import { findProjectRoot } from '../../read/project-files.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { Output } from '../output.js';

/** The budget when neither `--max-lines` nor `max-lines` under `[tool.modsplit]` gives one. */
export const DEFAULT_MAX_LINES = 1000;

export interface LineBudgetCommandOptions {
  readonly root?: string;
  readonly maxLines?: number;
  readonly format: 'text' | 'json';
}

export interface LineCount {
  /** The path as given (POSIX separators). */
  readonly path: string;
  readonly lines: number;
  readonly overBudget: boolean;
}

export interface LineBudgetResult {
  readonly maxLines: number;
  readonly files: readonly LineCount[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `1010` -> `1,010`, whatever the machine's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Count the lines of each file and report those over `maxLines` (MS388) and those that cannot be read (MS389).
 * `files` are paths as the user (or pre-commit) gave them, resolved against `cwd`.
 *
 * @example
 * collectLineBudget(['apps/x/models.py'], 800, '/repo')
 * // { maxLines: 800, files: [{ path: 'apps/x/models.py', lines: 1010, overBudget: true }], diagnostics: [MS388] }
 */
export function collectLineBudget(files: readonly string[], maxLines: number, cwd: string): LineBudgetResult {
  const counts: LineCount[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const given of files) {
    const path = given.split('\\').join('/');
    const abs = resolve(cwd, given);
    let text: string;
    try {
      if (!statSync(abs).isFile()) throw new Error('not a file');
      // latin1 maps every byte to one code unit: line breaks are found whatever the file's encoding.
      text = readFileSync(abs, 'latin1');
    } catch {
      diagnostics.push({
        code: 'MS389',
        severity: 'error',
        message: `${path} cannot be read, so its lines cannot be counted`,
        help: 'pass existing Python files',
      });
      continue;
    }
    const lines = countLines(text);
    const overBudget = lines > maxLines;
    counts.push({ path, lines, overBudget });
    if (overBudget) {
      diagnostics.push({
        code: 'MS388',
        severity: 'error',
        message: `${path} has ${formatCount(lines)} lines (budget ${formatCount(maxLines)})`,
        location: { path, line: maxLines + 1, column: 1 },
        help: `run \`modsplit plan ${path}\` to propose a split, then \`modsplit split ${path} --plan plan.toml\``,
      });
    }
  }
  return { maxLines, files: counts, diagnostics };
}

/** The budget in force: the flag, else `max-lines` from the project's config, else the default. */
export function chooseMaxLines(flag: number | undefined, configured: number | undefined): number {
  return flag ?? configured ?? DEFAULT_MAX_LINES;
}

export function runLineBudget(
  files: readonly string[],
  opts: LineBudgetCommandOptions,
  out: Output,
): ExitCodeValue {
  const cwd = process.cwd();
  const root = resolve(opts.root ?? findProjectRoot(resolve(cwd, files[0] ?? 'x')));
  const { config, diagnostics: configProblems } = loadProjectConfig(root);
  if (hasErrors(configProblems)) {
    return printLineBudget(undefined, configProblems, ExitCode.invalid, opts, out, root);
  }
  const result = collectLineBudget(files, chooseMaxLines(opts.maxLines, config.maxLines), cwd);
  const code = result.diagnostics.some((d) => d.code === 'MS389')
    ? ExitCode.invalid
    : hasErrors(result.diagnostics)
      ? ExitCode.failed
      : ExitCode.ok;
  return printLineBudget(result, [...configProblems, ...result.diagnostics], code, opts, out, cwd);
}

function printLineBudget(
  result: LineBudgetResult | undefined,
  diagnostics: readonly Diagnostic[],
  code: ExitCodeValue,
  opts: LineBudgetCommandOptions,
  out: Output,
  base: string,
): ExitCodeValue {
  if (opts.format === 'json') {
    out.out(
      JSON.stringify(
        {
          schemaVersion: 1,
          command: 'line-budget',
          maxLines: result?.maxLines ?? null,
          exitCode: code,
          files: result?.files ?? [],
          diagnostics,
        },
        null,
        2,
      ),
    );
    return code;
  }
  out.diagnostics(diagnostics, base);
  if (result && code === ExitCode.ok && result.files.length > 0) {
    const largest = Math.max(...result.files.map((f) => f.lines));
    out.err(
      `${result.files.length} file${result.files.length === 1 ? '' : 's'} within the budget of ${formatCount(result.maxLines)} lines (largest: ${formatCount(largest)})`,
    );
  }
  return code;
}
