// The module commands (analyze, plan, split, undo, check, line-budget) and their flags. Each action calls one run* function.

import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ExitCodeValue } from '../exit-codes.js';
import type { Output } from '../output.js';
import { createCommandProgress } from '../progress.js';

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

const MAX_LINES_HELP = 'line budget (default: max-lines from the config, else';

/**
 * Register every command. Each command's module (and through it the pipeline stages) is imported when its action
 * runs, so `--version`, `--help` and one command do not pay for loading all the others.
 */
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
        const { runAnalyze } = await import('./analyze.js');
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
        const { runPlan } = await import('./plan.js');
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
        const { runSplit } = await import('./split.js');
        setExit(await runSplit(module, { ...opts, progress: createCommandProgress(opts.format) }, output));
      },
    );

  program
    .command('undo')
    .description('revert the last completed split from its journal')
    .option('--root <dir>', 'project root', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { root?: string; format: string }) => {
      const { runUndo } = await import('./undo.js');
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
        const { runCheck } = await import('./check.js');
        setExit(await runCheck(target, opts, output));
      },
    );

  program
    .command('line-budget')
    .description('exit 1 when a Python file has more lines than the budget (the pre-commit hook)')
    .argument('[files...]', 'Python files to count (pre-commit passes the staged ones)')
    .option('--max-lines <n>', `${MAX_LINES_HELP} the built-in default)`, positiveInteger)
    .option('--root <dir>', 'project root, where the config is read')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], opts: { maxLines?: number; root?: string; format: 'text' | 'json' }) => {
      const { runLineBudget } = await import('./line-budget.js');
      setExit(runLineBudget(files, opts, output));
    });

  // The built-in line budget lives with its command; show the number in `line-budget --help` once it is loaded.
  program.hook('preSubcommand', async (_program, subcommand) => {
    if (subcommand.name() !== 'line-budget') return;
    const { DEFAULT_MAX_LINES } = await import('./line-budget.js');
    const option = subcommand.options.find((o) => o.long === '--max-lines');
    if (option) option.description = `${MAX_LINES_HELP} ${DEFAULT_MAX_LINES})`;
  });
}
