"""
List the files of a Django project that import a given module, with the import form each one uses.

Resolves relative imports against the file's package; sees imports anywhere (function bodies, TYPE_CHECKING).
Skips the module itself and migrations. Prints JSON: {"files": {path: [form, ...]}}.
usage: collect-importers.py ROOT apps.integrations.models
"""

import ast
import importlib.util
import json
import os
import sys


def package_of(root, path):
    """Dotted package a file's relative imports resolve against (the file's own for `__init__.py`)."""
    parts = os.path.relpath(path, root)[: -len(".py")].split(os.sep)
    return ".".join(parts[:-1])


def is_type_checking(node):
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def collect_forms(tree, package, target):
    parent_package, _, leaf = target.rpartition(".")
    forms = []

    def visit(node, scope):
        for child in ast.iter_child_nodes(node):
            child_scope = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                child_scope = "function"
            elif is_type_checking(child):
                child_scope = "type-checking"
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name == target:
                        forms.append(f"import-as:{scope}" if alias.asname else f"import:{scope}")
            elif isinstance(child, ast.ImportFrom):
                module = child.module or ""
                resolved = (
                    importlib.util.resolve_name("." * child.level + module, package) if child.level else module
                )
                relative = "relative-" if child.level else ""
                if resolved == target:
                    aliased = any(a.asname for a in child.names)
                    multi = len(child.names) > 1
                    kind = "from-alias" if aliased else ("from-multi" if multi else "from")
                    forms.append(f"{relative}{kind}:{scope}")
                elif resolved == parent_package and any(a.name == leaf for a in child.names):
                    forms.append(f"{relative}from-package:{scope}")
            visit(child, child_scope)

    visit(tree, "module")
    return forms


def main():
    root, target = sys.argv[1], sys.argv[2]
    module_file = os.path.join(root, *target.split(".")) + ".py"
    files = {}
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d not in ("__pycache__", "migrations"))
        for name in sorted(names):
            path = os.path.join(directory, name)
            if not name.endswith(".py") or os.path.abspath(path) == os.path.abspath(module_file):
                continue
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read(), path)
            forms = collect_forms(tree, package_of(root, path), target)
            if forms:
                files[os.path.relpath(path, root).replace(os.sep, "/")] = forms
    json.dump({"files": files}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
