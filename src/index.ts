// modsplit's public API. The CLI is a thin layer over these functions; they never print or exit.

export * from './model/changes.js';
export * from './model/diagnostics.js';
export * from './model/plan.js';
export * from './model/project.js';
export * from './model/source.js';
export * from './model/text.js';
export * from './model/units.js';
