// The verify stage: static checks of a change set, the Python oracle on the written package, and the project's
// own commands before and after. Reports problems as diagnostics and regressions; never rolls anything back.

export { type FoundPython, findDjangoSettings, findPython } from './find-python.js';
export {
  collectReachableNames,
  type OriginalNames,
  type PythonRunOptions,
  type PythonVerifyOptions,
  type PythonVerifyResult,
  type ReachableNames,
  verifyWithPython,
} from './python-oracle.js';
export {
  type CommandRun,
  compareVerifyRuns,
  type Regression,
  type RunCommandsOptions,
  regressionDiagnostics,
  runVerifyCommands,
} from './run-commands.js';
export { type StaticVerifyContext, verifyChangeSetStatically } from './static-checks.js';
export { suggestVerifyCommands, usesPytest } from './suggest-commands.js';
export { collectTestOutcomes, type TestOutcome, TestOutcomeParser } from './test-outcomes.js';
