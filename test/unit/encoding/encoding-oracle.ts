// Python as the oracle for encoded splits: what a package evaluates to (probes, names, test functions) and how
// Python itself reads the bytes of each file (tokenize.detect_encoding, strict decoding, units and comments).
// It runs Python only; it does not run modsplit.

import { runPython } from '../../helpers/python.js';

export interface Behaviour {
  /** expression -> repr of its value, or `!ExceptionName` */
  readonly probes: Record<string, string>;
  /** Public names of the module or package, modules aside (the package's submodules, imported modules). */
  readonly names: readonly string[];
  /** `module.function` -> `ok` or `!ExceptionName: message` */
  readonly tests: Record<string, string>;
}

const BEHAVIOUR = `
import importlib, inspect, json, sys
sys.dont_write_bytecode = True
cfg = json.load(sys.stdin)
m = importlib.import_module(cfg["module"])
out = {"probes": {}, "names": sorted(n for n, v in vars(m).items() if not n.startswith("_") and not inspect.ismodule(v)), "tests": {}}
for expr in cfg["probes"]:
    try:
        out["probes"][expr] = repr(eval(expr, vars(m)))
    except Exception as e:
        out["probes"][expr] = "!" + type(e).__name__
for mod, fn in cfg["tests"]:
    try:
        getattr(importlib.import_module(mod), fn)()
        out["tests"][mod + "." + fn] = "ok"
    except Exception as e:
        out["tests"][mod + "." + fn] = "!" + type(e).__name__ + ": " + str(e)
print(json.dumps(out, ensure_ascii=True))
`;

/** Import `module` in a fresh interpreter with `root` on sys.path (no bytecode written) and describe it. */
export function describeBehaviour(
  root: string,
  module: string,
  probes: readonly string[],
  tests: readonly (readonly [string, string])[],
): Behaviour {
  return JSON.parse(runPython(BEHAVIOUR, JSON.stringify({ module, probes, tests }), root)) as Behaviour;
}

export interface PythonReading {
  /** What `tokenize.detect_encoding` finds (`iso-8859-1`, `cp1252`, `utf-8-sig`, `utf-8`). */
  readonly encoding: string;
  /** The text, decoded strictly by that encoding (line breaks untouched). */
  readonly text: string;
}

const READING = `
import io, json, sys, tokenize
out = {}
for path in json.load(sys.stdin):
    data = open(path, "rb").read()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    out[path] = {"encoding": encoding, "text": data.decode(encoding)}
print(json.dumps(out, ensure_ascii=True))
`;

/** How Python reads one file (absolute path). */
export function readOneAsPython(path: string): PythonReading {
  return readAsPython([path])[path] as PythonReading;
}

/** How Python reads each file (absolute paths): its detected encoding and strictly decoded text. */
export function readAsPython(paths: readonly string[]): Record<string, PythonReading> {
  return JSON.parse(runPython(READING, JSON.stringify(paths))) as Record<string, PythonReading>;
}

export interface SourcePieces {
  /** Source segment of every top-level statement except imports, in the file's own encoding (base64). */
  readonly statements: readonly string[];
  /** Every comment token, in the file's own encoding (base64). */
  readonly comments: readonly string[];
}

const PIECES = String.raw`
import ast, base64, io, json, sys, tokenize
path = sys.stdin.read()
data = open(path, "rb").read()
encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
text = data.decode(encoding)
if text.startswith("\ufeff"):
    text = text[1:]
codec = "utf-8" if encoding == "utf-8-sig" else encoding
b64 = lambda s: base64.b64encode(s.encode(codec)).decode()
tree = ast.parse(text)
statements = [b64(ast.get_source_segment(text, node)) for node in tree.body
              if not isinstance(node, (ast.Import, ast.ImportFrom))]
comments = [b64(t.string) for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]
print(json.dumps({"statements": statements, "comments": comments}))
`;

/** Top-level statements (imports aside) and comments of a file, as the bytes they are in its own encoding. */
export function collectSourcePieces(path: string): { statements: Buffer[]; comments: Buffer[] } {
  const pieces = JSON.parse(runPython(PIECES, path)) as SourcePieces;
  const decode = (b64: string) => Buffer.from(b64, 'base64');
  return { statements: pieces.statements.map(decode), comments: pieces.comments.map(decode) };
}
