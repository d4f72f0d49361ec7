// The one list of Python's reserved and predefined names (src/model/python-names.ts) against the interpreter's own
// `keyword` and `builtins` modules. It does not test the places that use the lists.

import { describe, expect, it } from 'vitest';
import {
  isPythonIdentifier,
  PYTHON_BUILTINS,
  PYTHON_KEYWORDS,
  PYTHON_SOFT_KEYWORDS,
} from '../../../src/model/python-names.js';
import { runPython } from '../../helpers/python.js';

const python = JSON.parse(
  runPython(
    'import builtins, json, keyword\n' +
      'print(json.dumps({"kw": keyword.kwlist, "soft": keyword.softkwlist, "builtins": dir(builtins),\n' +
      '  "identifiers": {n: n.isidentifier() and not keyword.iskeyword(n) for n in\n' +
      '    ["GitHub", "_x1", "class", "1x", "a-b", "café", "match", "None", "x\u00b7y", "\u00b7x", ""]}}))',
  ),
) as { kw: string[]; soft: string[]; builtins: string[]; identifiers: Record<string, boolean> };

describe('Python names', () => {
  it('keywords and soft keywords are exactly the interpreter’s', () => {
    expect([...PYTHON_KEYWORDS].sort()).toEqual([...python.kw].sort());
    // `type` became a soft keyword in 3.12; the venv may be older.
    expect([...PYTHON_SOFT_KEYWORDS].sort()).toEqual([...new Set([...python.soft, 'type'])].sort());
  });

  it('builtins cover every name of the builtins module (a superset across versions)', () => {
    expect(python.builtins.filter((n) => !PYTHON_BUILTINS.has(n))).toEqual([]);
    for (const name of ['__file__', '__name__', '__path__', 'print', 'ValueError']) {
      expect(PYTHON_BUILTINS.has(name)).toBe(true);
    }
  });

  it('identifiers as str.isidentifier() and not keyword.iskeyword()', () => {
    for (const [name, expected] of Object.entries(python.identifiers)) {
      expect(isPythonIdentifier(name), name).toBe(expected);
    }
  });
});
