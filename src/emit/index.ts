// The emit stage: a resolved plan becomes a ChangeSet (new files as original slices plus generated imports and
// `__init__.py`). Pure apart from parsing; the write stage applies it.

export { type BuildChangeSetInput, type BuildChangeSetOptions, buildChangeSet } from './build-change-set.js';
export { type BuildProjectChangeSetInput, buildProjectChangeSet } from './build-project-change-set.js';
export type { ReexportStyle } from './render-init.js';
