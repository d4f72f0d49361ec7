"""
Oracle for the planning document: every file of a project that imports a module, with the names each imports.

Walks every .py file (migrations, tests and function bodies included; `__pycache__` skipped), parses it with ast
and resolves absolute and relative imports. Counts `import m`, `import m as x`, `from m import X`,
`from pkg import m`, relative forms, and imports of a submodule of m. Prints JSON {"files": {path: [names]}}.
usage: list-importers.py ROOT apps.integrations.models
"""

import ast
import importlib.util
import json
import os
import sys


def package_of(root, path):
    """Dotted package relative imports resolve against (the file's own for `__init__.py`)."""
    parts = os.path.relpath(path, root)[: -len(".py")].split(os.sep)
    return ".".join(parts[:-1])


def main():
    root, target = sys.argv[1], sys.argv[2]
    parent, _, leaf = target.rpartition(".")
    module_file = os.path.abspath(os.path.join(root, *target.split(".")) + ".py")
    files = {}
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in sorted(names):
            path = os.path.join(directory, name)
            if not name.endswith(".py") or os.path.abspath(path) == module_file:
                continue
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read(), path)
            package = package_of(root, path)
            found = False
            imported = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.name == target or alias.name.startswith(target + "."):
                            found = True
                elif isinstance(node, ast.ImportFrom):
                    module = node.module or ""
                    resolved = (
                        importlib.util.resolve_name("." * node.level + module, package) if node.level else module
                    )
                    if resolved == target:
                        found = True
                        imported.update(a.name for a in node.names if a.name != "*")
                    elif resolved.startswith(target + "."):
                        found = True
                    elif resolved == parent and any(a.name == leaf for a in node.names):
                        found = True
            if found:
                files[os.path.relpath(path, root).replace(os.sep, "/")] = sorted(imported)
    json.dump({"files": files}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
