"""
Oracle for the planning document's shared constants: for each top-level statement of a module, the names it
binds and the names it loads anywhere inside it (function bodies, decorators, defaults, class bodies).
Prints JSON [{"binds": [...], "loads": [...]}] in source order; imports and the docstring are left out.
usage: list-statement-names.py < module.py
"""

import ast
import json
import sys

tree = ast.parse(sys.stdin.read())
out = []
for statement in tree.body:
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        continue
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        continue
    binds = set()
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        binds.add(statement.name)
    elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            binds.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    loads = {n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    out.append({"binds": sorted(binds), "loads": sorted(loads)})
json.dump(out, sys.stdout)
