// A text-only test, run before parsing, of whether a file can import the module or name it in a dotted string.
// It over-approximates (comments and docstrings count) but never misses a form the collectors find.

import { isInsidePackage, type ModuleTarget } from './module-target.js';

/** The start of a relative import, `from .` / `from ..x`. */
export const RELATIVE_FROM = /(?<![\w.])from[ \t]+\./u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names part of the `from ... import` statement that ends at `index`: a parenthesized list or one logical line. */
function importListAt(text: string, index: number): string {
  let i = index;
  while (text[i] === ' ' || text[i] === '\t') i++;
  let out = '';
  if (text[i] === '(') {
    for (i++; i < text.length && text[i] !== ')'; i++) {
      // Import lists hold no strings, so `#` always starts a comment, which may contain a `)`.
      if (text[i] === '#') while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      else out += text[i];
    }
    return out;
  }
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i++;
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      out += ' ';
      continue;
    }
    if (c === '\n' || c === '\r' || c === '#' || c === ';') break;
    out += c;
  }
  return out;
}

/**
 * Create the test for one module. A file passes when it contains the module's dotted name as a dotted word (every
 * absolute `import`, `from m import` and dotted string does), a `from <parent> import` list naming the module's last
 * name, a relative `from .x import y` whose path or names contain that name, or (for a package's `__init__.py`)
 * any relative import in a file inside the package. Names written with spaces inside a
 * dotted name (`from a . b import c`), legal but unseen in practice, are not recognized.
 */
export function createModuleReferenceTest(target: ModuleTarget): (text: string, path: string) => boolean {
  const word = target.parts[target.parts.length - 1] as string;
  const parent = target.parts.slice(0, -1).join('.');
  const dotted = new RegExp(`(?<![\\w.])${escapeRegExp(target.dotted)}(?!\\w)`, 'u');
  const wordRe = new RegExp(`(?<!\\w)${escapeRegExp(word)}(?!\\w)`, 'u');
  return (text, path) => {
    if (dotted.test(text)) return true;
    if (isInsidePackage(target, path) && RELATIVE_FROM.test(text)) return true;
    const from = /(?<![\w.])from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import(?!\w)/gu;
    for (let match = from.exec(text); match; match = from.exec(text)) {
      const [, dots, module] = match as unknown as [string, string, string];
      const relevant = dots === '' ? module === parent : true;
      if (!relevant) continue;
      if (dots !== '' && wordRe.test(module)) return true;
      if (wordRe.test(importListAt(text, from.lastIndex))) return true;
    }
    return false;
  };
}
