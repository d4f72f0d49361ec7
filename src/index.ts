// modsplit's public API. The CLI is a thin layer over these functions; they never print or exit.
// Pipeline: readSourceFile -> analyzeModule -> locateModule + scanProjectUsage -> proposePlan / readPlanFile ->
// resolvePlan -> buildChangeSet -> verifyChangeSetStatically -> writeChangeSet -> verifyWithPython / runVerifyCommands.

export { type AnalyzeModuleResult, analyzeModule } from './analyze/analyze-module.js';
export { collectStatementFacts } from './analyze/dependencies/index.js';
export { type ScanProjectUsageOptions, scanProjectUsage } from './analyze/importers/index.js';
export { type BuildChangeSetInput, type BuildChangeSetOptions, buildChangeSet } from './emit/index.js';
export * from './model/changes.js';
export { type DiagnosticDoc, diagnosticCatalog, findDiagnosticDoc } from './model/codes/index.js';
export * from './model/diagnostics.js';
export * from './model/plan.js';
export * from './model/project.js';
export * from './model/source.js';
export * from './model/text.js';
export * from './model/units.js';
export {
  type PlanInput,
  type PlanResolution,
  type ProposedPlan,
  type ProposePlanOptions,
  planFromIntoArgs,
  proposePlan,
  readPlanFile,
  renderPlanFile,
  resolvePlan,
} from './plan/index.js';
export { readSourceFile, sourceFromText } from './read/index.js';
export { DEFAULT_LINE_LENGTH, type LineLengthSetting, readLineLength } from './read/line-length.js';
export { type LocateModuleOptions, locateModule } from './read/module-location.js';
export { type LoadedConfig, loadProjectConfig, type ProjectConfig } from './read/project-config.js';
export { findProjectRoot, listProjectFiles } from './read/project-files.js';
export { describeModuleFacts } from './report/module-facts-json.js';
export { renderDiagnostic, renderDiagnostics } from './report/render-diagnostic.js';
export { renderChangeSetDiff } from './report/render-diff.js';
export {
  collectReachableNames,
  compareVerifyRuns,
  runVerifyCommands,
  suggestVerifyCommands,
  verifyChangeSetStatically,
  verifyWithPython,
} from './verify/index.js';
export { checkWritable, recoverInterruptedWrite, undoLastSplit, writeChangeSet } from './write/index.js';
