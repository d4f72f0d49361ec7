// The read stage: bytes -> SourceFile -> syntax tree. The only stage (with write/verify/cli) that touches files.

export {
  findSyntaxError,
  parsePython,
  type SyntaxNode,
  type SyntaxTree,
  withParsedPython,
} from './parse-python.js';
export { type ParsedModule, parseModule, withParsedModule } from './read-module.js';
export { decodeSource, type ReadSourceResult, readSourceFile, sourceFromText } from './source-file.js';
