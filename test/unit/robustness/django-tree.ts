// Django's own source as a project: one real copy of the wheel's tree (dotted names `django.*`), and per split a
// cheap overlay tree (real folders along the module's path, symlinks for everything else, the module a real copy)
// so many splits can be written and imported side by side. Never touches the installed wheel.

import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { djangoSourceDir } from '../../helpers/python.js';

/** Copy the installed Django (without bytecode and translation sources) to `<temp>/django`; returns `<temp>`. */
export function copyDjangoTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-django-'));
  cpSync(djangoSourceDir(), join(root, 'django'), {
    recursive: true,
    filter: (p) => !p.includes('__pycache__') && !p.endsWith('.po'),
  });
  return root;
}

/** Every module file under `root/django` with more than `minLines` lines, as sorted POSIX paths from `root`. */
export function findLargeModules(root: string, minLines: number): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel))) {
      const path = posix.join(rel, entry);
      const stat = statSync(join(root, path));
      if (stat.isDirectory()) walk(path);
      else if (entry.endsWith('.py')) {
        const lines = readFileSync(join(root, path), 'utf8').split('\n').length - 1;
        if (lines > minLines) found.push(path);
      }
    }
  };
  walk('django');
  return found.sort();
}

/** Every `.py` file under `root/django` (the importer scan's file list), sorted POSIX paths from `root`. */
export function listPythonFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.py')) found.push(path);
    }
  };
  walk('django');
  return found.sort();
}

/**
 * A new tree that looks like `base` to Python: the folders on `modulePath`'s way are real, every other entry in
 * them a symlink into `base`, and the module itself a real copy (the write stage renames it).
 */
export function overlayTree(base: string, modulePath: string): string {
  const root = mkdtempSync(join(tmpdir(), 'modsplit-overlay-'));
  const parts = modulePath.split('/');
  let rel = '';
  for (let depth = 0; depth < parts.length; depth++) {
    const part = parts[depth] as string;
    const dir = join(root, rel);
    if (depth === 0) {
      mkdirSync(join(root, part));
      rel = part;
      continue;
    }
    for (const entry of readdirSync(join(base, rel))) {
      if (entry === parts[depth] || entry === '__pycache__') continue;
      symlinkSync(join(base, rel, entry), join(dir, entry));
    }
    const next = join(rel, part);
    if (depth === parts.length - 1) copyFileSync(join(base, next), join(root, next));
    else mkdirSync(join(root, next));
    rel = next;
  }
  return root;
}
