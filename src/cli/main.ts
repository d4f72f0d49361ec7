#!/usr/bin/env node
// modsplit's command line: argument parsing, calls into the library, exit codes. Nothing else lives here.

import { Command, CommanderError, Option } from 'commander';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { createOutput } from './output.js';

const VERSION = '0.1.0';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function main(argv: readonly string[]): Promise<ExitCodeValue> {
  const output = createOutput();
  let exitCode: ExitCodeValue = ExitCode.ok;
  const program = new Command('modsplit')
    .description('Safely split one large Python module into a package of cohesive submodules.')
    .version(VERSION)
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('explain')
    .description('explain a diagnostic code (MS101 ...); without a code, list them all')
    .argument('[code]', 'diagnostic code, e.g. MS301')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (code: string | undefined, opts: { format: string }) => {
      // Loaded only for this command: the diagnostic catalog is large.
      const { runExplain } = await import('./commands/explain.js');
      exitCode = runExplain(code, opts.format, output);
    });

  await registerPipelineCommands(program, output, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync(argv as string[], { from: 'node' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every other parse problem is invalid arguments.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.invalid;
    }
    throw error;
  }
  return exitCode;
}

async function registerPipelineCommands(
  program: Command,
  output: ReturnType<typeof createOutput>,
  setExit: (code: ExitCodeValue) => void,
): Promise<void> {
  const { registerCommands } = await import('./commands/register.js');
  registerCommands(program, output, setExit, collect);
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const debug = process.argv.includes('--debug');
    process.stderr.write(
      `error: internal error in modsplit (this is a bug): ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('  = help: run again with --debug for the stack trace, and report it\n');
    process.exitCode = ExitCode.internal;
  },
);
