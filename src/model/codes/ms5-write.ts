// Diagnostic codes MS5xx: the write stage (safety checks before writing, failures, rollback, recovery, undo).

import type { DiagnosticDoc } from './entry.js';

export const writeCodes: readonly DiagnosticDoc[] = [
  {
    code: 'MS501',
    severity: 'error',
    title: 'A previous write was interrupted',
    explanation:
      'A modsplit write (or undo) was killed before it finished, so the tree may be half written. Its journal holds ' +
      'the original bytes of every touched file; nothing new is written until that tree is restored.',
    fix: 'Run any modsplit command (each one recovers first), or call recoverInterruptedWrite(root) from the library.',
    example: 'modsplit split shop/models.py   # after a previous run was killed mid-write',
  },
  {
    code: 'MS502',
    severity: 'error',
    title: 'Unsafe path in the change set',
    explanation:
      'Every path must be relative to the root, use `/`, and stay inside it: no absolute paths, no `..`, no empty or ' +
      '`.` segments, no backslashes, nothing inside `.git` or `.modsplit`. modsplit never writes outside the root.',
    fix: 'Pass a root that contains every file to change, and report the change set as a bug if it still escapes.',
    example: '{ "kind": "create", "path": "../outside.py", "text": "" }',
  },
  {
    code: 'MS503',
    severity: 'error',
    title: 'Path goes through a symbolic link',
    explanation:
      'A file to change, or one of its parent directories, is a symbolic link. Writing through it would change a ' +
      'file elsewhere (maybe outside the project), and replacing it would turn the link into a plain file.',
    fix: 'Run modsplit on the real location of the module, or replace the link with the directory it points to.',
    example: 'ln -s ../shared shop/models   # then splitting into shop/models/',
  },
  {
    code: 'MS504',
    severity: 'error',
    title: 'File to create already exists',
    explanation:
      'The change set creates (or renames onto) a path where something already exists. modsplit never overwrites a ' +
      'file it did not plan to change.',
    fix: 'Move or delete the existing file, or choose other submodule names in the plan.',
    example: 'shop/models/billing.py exists and the plan creates it',
  },
  {
    code: 'MS505',
    severity: 'error',
    title: 'File to change is missing',
    explanation:
      'A file the change set edits, deletes or renames does not exist (or is not a regular file), so the change set ' +
      'was computed for another state of the tree.',
    fix: 'Run the split again on the current tree.',
    example: 'shop/models.py was deleted after `modsplit plan` ran',
  },
  {
    code: 'MS506',
    severity: 'error',
    title: 'A file stands where a directory is needed',
    explanation:
      'A parent of a path in the change set exists but is not a directory, so the directory cannot be created.',
    fix: 'Rename or remove the file that is in the way, or pick another package name.',
    example: 'a file named shop/models (no extension) and the plan creates shop/models/__init__.py',
  },
  {
    code: 'MS507',
    severity: 'error',
    title: 'Conflicting changes to one path',
    explanation:
      'Two changes in the change set touch the same path (or one path is used as both a file and a directory), so ' +
      'their order would decide the result. This is a bug in the stage that produced the change set.',
    fix: 'Report the change set (`--format json`) as a bug.',
  },
  {
    code: 'MS508',
    severity: 'error',
    title: 'Uncommitted changes in a file to change',
    explanation:
      'In a git repository, a file the change set touches has staged or unstaged changes, or is untracked. Keeping ' +
      'the split as its own diff, and git as the safety net, needs a clean starting point.',
    fix: 'Commit or stash those changes first, or pass --allow-dirty to write anyway.',
    example: ' M shop/models.py',
  },
  {
    code: 'MS509',
    severity: 'error',
    title: 'The git index is locked',
    explanation:
      'The file `.git/index.lock` exists: another git process is running, or one crashed. modsplit moves files with ' +
      '`git mv` and restores index entries on rollback, which both need the index.',
    fix: 'Wait for the other git command to finish, or delete .git/index.lock if no git process is running.',
  },
  {
    code: 'MS510',
    severity: 'error',
    title: 'Another modsplit process is writing',
    explanation:
      'Another modsplit process holds the writer lock of this tree; two writers could undo each other.',
    fix: 'Wait for the other modsplit run to finish, then run again.',
  },
  {
    code: 'MS511',
    severity: 'error',
    title: 'An edit does not apply to the current file',
    explanation:
      'An edit range is out of bounds or overlaps another edit of the same file, so the file changed since the change ' +
      'set was computed (or the change set is wrong). Nothing was written.',
    fix: 'Run the split again on the current tree.',
  },
  {
    code: 'MS512',
    severity: 'error',
    title: 'File to edit cannot be decoded',
    explanation:
      'Edits index into the decoded text of a file, decoded as Python reads it: a UTF-8 BOM, else the PEP 263 coding ' +
      'cookie on line 1 or 2, else UTF-8. This file does not decode that way (bytes invalid in its encoding, an ' +
      'unknown codec, a BOM with another cookie), so modsplit cannot edit it without changing bytes it did not mean to.',
    fix: 'Fix the bytes or the coding cookie so Python can read the file, or edit it by hand.',
    example: 'latin-1 bytes (0xe9) in a file without a `# -*- coding: latin-1 -*-` line',
  },
  {
    code: 'MS513',
    severity: 'error',
    title: 'Write failed; everything was rolled back',
    explanation:
      'Writing the change set failed part way (for example the disk is full or permission was denied). Every file, ' +
      'mode, new directory and git index entry was restored from the journal, so the tree is as before.',
    fix: 'Fix the cause named in the message (free disk space, permissions), then run again.',
    example: 'ENOSPC: no space left on device, write',
  },
  {
    code: 'MS514',
    severity: 'error',
    title: 'Rollback did not finish',
    explanation:
      'A write (or an undo) failed and restoring the original tree failed too, or finishing an interrupted write ' +
      'failed. The message names the journal directory; it is kept, so the next `modsplit split`, `plan` or ' +
      '`analyze` run in the project retries before doing anything else.',
    fix: 'Fix the cause named in the message, then run `modsplit plan` on a module of the project to finish the restore.',
  },
  {
    code: 'MS515',
    severity: 'warning',
    title: 'An interrupted write was rolled back',
    explanation:
      'A previous modsplit run was killed while writing. Its journal was used to restore every touched file, mode, ' +
      'new directory and git index entry, so the tree is as it was before that run.',
    fix: 'Run the split again if you still want it.',
  },
  {
    code: 'MS516',
    severity: 'info',
    title: 'An interrupted write was completed',
    explanation:
      'A previous modsplit run was killed after every file was in place but before it cleaned up; the cleanup was ' +
      'finished, and the split can be undone as usual.',
    fix: 'Review the split (git diff), or undo it with `modsplit undo`.',
  },
  {
    code: 'MS517',
    severity: 'error',
    title: 'Cannot undo: files changed since the split',
    explanation:
      'Undo restores the files from before the split, which would silently drop edits made since. A file the split ' +
      'wrote no longer has the content it wrote (or a removed file is back).',
    fix: 'Revert your later edits to those files first, or undo the split by hand with git.',
  },
  {
    code: 'MS518',
    severity: 'error',
    title: 'Cannot undo: the split was committed',
    explanation:
      'HEAD moved since the split was written; undoing the files now would fight with that commit.',
    fix: 'Use `git revert` on the commit that contains the split.',
  },
  {
    code: 'MS519',
    severity: 'info',
    title: 'Nothing to undo',
    explanation: 'No completed split journal was found for this tree (undo works once, for the last split).',
    fix: 'Use git to revert older changes.',
  },
  {
    code: 'MS520',
    severity: 'warning',
    title: 'A directory created by the write was left in place',
    explanation:
      'Restoring removes the directories the write created, but this one now holds files modsplit did not write, so ' +
      'it was kept.',
    fix: 'Inspect the directory and delete it if those files are not yours.',
  },
  {
    code: 'MS521',
    severity: 'error',
    title: 'Unreadable write journal',
    explanation:
      'A journal file under .git/modsplit/ (or .modsplit/) cannot be parsed, so modsplit cannot tell whether the tree ' +
      'is half written.',
    fix: 'Check the files it lists against git, then delete the journal directory named in the message.',
  },
  {
    code: 'MS522',
    severity: 'error',
    title: "Text cannot be written in the file's encoding",
    explanation:
      'A file is written in the encoding its coding cookie declares (`# -*- coding: latin-1 -*-`), because that is ' +
      "how Python will read it: new files carry the original module's cookie, edited files keep their own. This " +
      'text has a character the encoding lacks, declares another encoding than the one asked for, or is in a ' +
      'multi-byte encoding (Shift JIS, GBK) that modsplit writes only as ASCII. Nothing was written.',
    fix: 'Replace the character with an escape (`\\u20ac` in a string), or convert the module to UTF-8 first.',
    example: 'x = "€"  # in a file declaring coding: latin-1',
  },
];
