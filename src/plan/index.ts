// The plan stage: read a plan (plan.toml or --into), complete and check it against the module (resolvePlan),
// and propose one (proposePlan). Plans name names; what moves are unit groups.

export { findFileNameProblems, isModuleIdentifier, suggestFileName } from './check-file-names.js';
export { collectExportedNames, collectRuntimeNames, type ExportedNames } from './exported-names.js';
export {
  nearestWord,
  type PlanInput,
  planFromIntoArgs,
  readPlanFile,
  renderPlanFile,
} from './plan-file.js';
export { type ProposedPlan, type ProposePlanOptions, proposePlan } from './propose-plan.js';
export {
  INIT_FILE,
  MAIN_FILE,
  type PlanResolution,
  type ResolvePlanOptions,
  resolvePlan,
} from './resolve-plan.js';
export { collectSplitFacts, type GroupFacts, type GroupRole, type SplitFacts } from './split-facts.js';
