// Django-specific facts about a module: model classes and their relations (for the planning document and the
// grouping). Static analysis of source text only; nothing here imports Django.

export {
  type ClassDeclaration,
  collectClassDeclarations,
  collectFileImports,
  type FileImport,
  type RelationFieldDeclaration,
  type RelationKind,
  type RelationReference,
} from './collect-class-declarations.js';
export {
  collectModelGraph,
  defaultAccessor,
  type ModelBase,
  type ModelFacts,
  type ModelGraph,
  type ModelGraphInput,
  type ProjectFileReader,
  type ResolvedRelation,
  type ReverseRelation,
} from './collect-model-graph.js';
