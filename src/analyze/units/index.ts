// Top-level units of a module: placement and partition, import bindings, flags, grouping, import-time closure.

export { collectTopLevelUnits, collectUnitSyntax, type UnitSyntax } from './collect-top-level-units.js';
export { type DunderAllFacts, findDunderAll } from './dunder-all.js';
export { collectUnitGroups } from './group-units.js';
export { collectImportBindings, isImportStatement } from './import-bindings.js';
export { addImportTimeClosure, mergeImportTimeCalls } from './import-time-closure.js';
export { collectNameMutations, type NameMutation } from './unit-flags.js';
export {
  collectTextPieces,
  collectUnitSpans,
  findTopLevelStatements,
  type TextPiece,
  type TextPieceKind,
  type UnitSpan,
} from './unit-layout.js';
