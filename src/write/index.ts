// The write stage: applies a ChangeSet to disk all or nothing, crash-safe and git-aware. It knows nothing about
// Python; it only checks, writes, recovers and undoes change sets.

export { checkWritable, findPathProblem, type WriteOptions } from './check-writable.js';
export {
  type RecoveryResult,
  recoverInterruptedWrite,
  type UndoResult,
  undoLastSplit,
} from './restore-journal.js';
export { type WriteResult, writeChangeSet } from './write-change-set.js';
