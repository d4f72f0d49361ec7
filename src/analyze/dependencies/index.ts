// Entry points of scope analysis: per top-level statement, what it binds and which global names it uses, and when.

export { collectStatementFacts, findFutureAnnotations } from './collect-statement-facts.js';
export type { StatementFacts } from './statement-facts.js';
