// The module commands (analyze, plan, split, undo, check, line-budget) and their flags. Each action calls one run* function.

import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ExitCodeValue } from '../exit-codes.js';
import type { Output } from '../output.js';
import { createCommandProgress } from '../progress.js';
import { runAnalyze } from './analyze.js';
import { runCheck } from './check.js';
import { DEFAULT_MAX_LINES, runLineBudget } from './line-budget.js';
import { runPlan } from './plan.js';
import { runSplit } from './split.js';
import { runUndo } from './undo.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

export function registerCommands(
  program: Command,
  output: Output,
  setExit: (code: ExitCodeValue) => void,
  collect: (value: string, previous: string[]) => string[],
): void {
  program
    .command('analyze')
    .description('write the planning document: importers, model dependencies, constants, decisions, risks')
    .argument('<module>', 'the Python module to analyze, e.g. apps/integrations/models.py')
    .option(
      '--root <dir>',
      'project root (default: nearest folder with .git, pyproject.toml, setup.cfg or manage.py)',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json', 'text']).default('md'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(
      async (module: string, opts: { root?: string; format: 'md' | 'json' | 'text'; output?: string }) => {
        setExit(await runAnalyze(module, { ...opts, progress: createCommandProgress(opts.format) }, output));
      },
    );

  program
    .command('plan')
    .description('propose a complete split plan that `split --plan` accepts unchanged')
    .argument('<module>', 'the Python module to split')
    .option('--root <dir>', 'project root')
    .option('--files <n>', 'number of files to make', positiveInteger)
    .addOption(new Option('--format <format>', 'output format').choices(['toml', 'json']).default('toml'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(
      async (
        module: string,
        opts: { root?: string; files?: number; format: 'toml' | 'json'; output?: string },
      ) => {
        setExit(await runPlan(module, { ...opts, progress: createCommandProgress(opts.format) }, output));
      },
    );

  program
    .command('split')
    .description('split the module into a package, verify it, and roll back on failure')
    .argument('<module>', 'the Python module to split')
    .option('--plan <file>', 'plan file (TOML) naming which names go to which new file')
    .option(
      '--into <file=names>',
      'a new file and its names, e.g. github.py=GitHubIntegration,TrackedRepository (repeatable)',
      collect,
      [],
    )
    .option('--root <dir>', 'project root')
    .option('--dry-run', 'compute and check everything, write nothing', false)
    .option('--diff', 'print unified diffs of every file change', false)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--verify <command>',
      'command run before and after the split; a regression rolls it back (repeatable)',
      collect,
      [],
    )
    .option('--python <path>', 'Python interpreter for the import check')
    .option('--rewrite-imports', 'point every importer at the defining submodule')
    .option('--no-rewrite-imports', 'keep importers on the package (overrides the config)')
    .option('--allow-dirty', 'write even when files to change have uncommitted git changes', false)
    .action(
      async (
        module: string,
        opts: {
          plan?: string;
          into: string[];
          root?: string;
          dryRun: boolean;
          diff: boolean;
          format: 'text' | 'json';
          verify: string[];
          python?: string;
          rewriteImports?: boolean;
          allowDirty: boolean;
        },
      ) => {
        setExit(await runSplit(module, { ...opts, progress: createCommandProgress(opts.format) }, output));
      },
    );

  program
    .command('undo')
    .description('revert the last completed split from its journal')
    .option('--root <dir>', 'project root', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { root?: string; format: string }) => {
      setExit(await runUndo(opts, output));
    });

  program
    .command('check')
    .description(
      'exit 1 when a split package no longer matches its committed plan (a module not split yet: its line budget)',
    )
    .argument(
      '[package]',
      "the split package (folder, its __init__.py, or the module path it came from); default: the plan's module",
    )
    .option(
      '--plan <file>',
      'plan file (default: [tool.modsplit] plan, else modsplit-plan.toml or plan.toml)',
    )
    .option('--root <dir>', 'project root')
    .option(
      '--max-lines <n>',
      'line budget for each file (default: max-lines from the config)',
      positiveInteger,
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(
      async (
        target: string | undefined,
        opts: { plan?: string; root?: string; maxLines?: number; format: 'text' | 'json' },
      ) => {
        setExit(await runCheck(target, opts, output));
      },
    );

  program
    .command('line-budget')
    .description('exit 1 when a Python file has more lines than the budget (the pre-commit hook)')
    .argument('[files...]', 'Python files to count (pre-commit passes the staged ones)')
    .option(
      '--max-lines <n>',
      `line budget (default: max-lines from the config, else ${DEFAULT_MAX_LINES})`,
      positiveInteger,
    )
    .option('--root <dir>', 'project root, where the config is read')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((files: string[], opts: { maxLines?: number; root?: string; format: 'text' | 'json' }) => {
      setExit(runLineBudget(files, opts, output));
    });
}
