"""
Split teamhub's apps/integrations/models.py the naive way, to prove the example's traps are traps.

Statements move verbatim to the file of their `# ---` section (shared helpers go with credentials, receivers
with slack); each file copies the original imports (relative ones made `..`) and imports sibling definitions
it uses. It never rewrites patch targets. Not a reference implementation: it knows this one file's layout.

usage: naive-split.py ROOT --exports public|defs|all [--omit a,b] [--orphan-receivers]
  public: __init__ re-exports public definitions; defs: every definition (private too);
  all: definitions plus every name the module imported (timezone, SYNC_STATUS_*, GitHubClient, ...).
  --omit drops names from the re-exports; --orphan-receivers moves the @receiver functions to signals.py,
  which nothing imports.
"""

import argparse
import ast
import os
import re

SECTION_FILES = {
    "Shared helpers": "credentials.py",
    "Credentials": "credentials.py",
    "GitHub": "github.py",
    "Jira": "jira.py",
    "Slack": "slack.py",
    "Signal receivers": "slack.py",
}
ORDER = ["credentials.py", "github.py", "jira.py", "slack.py"]


def relative_to_package(node):
    """Import text valid one package deeper (`from .x` -> `from ..x`)."""
    module = ("." * (node.level + 1) if node.level else "") + (node.module or "")
    return module


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--exports", choices=["public", "defs", "all"], required=True)
    parser.add_argument("--omit", default="")
    parser.add_argument("--orphan-receivers", action="store_true")
    args = parser.parse_args()
    omit = {n for n in args.omit.split(",") if n}

    path = os.path.join(args.root, "apps", "integrations", "models.py")
    with open(path, encoding="utf-8") as f:
        source = f.read()
    lines = source.splitlines(keepends=True)
    sections = []
    for number, line in enumerate(lines, 1):
        match = re.match(r"# (Shared helpers|Credentials|GitHub|Jira|Slack|Signal receivers)\b", line)
        if match:
            sections.append((number, SECTION_FILES[match.group(1)]))

    import_lines = []  # statements, made valid inside the package
    imported = {}  # name -> statement binding exactly that name, for __init__.py
    bodies = {}
    defined = {}
    for node in ast.parse(source).body:
        decorators = getattr(node, "decorator_list", None)
        start = decorators[0].lineno if decorators else node.lineno
        text = "".join(lines[start - 1 : node.end_lineno])
        if isinstance(node, ast.ImportFrom):
            module = relative_to_package(node)
            import_lines.append(f"from {module} import {', '.join(a.name for a in node.names)}\n")
            for alias in node.names:
                imported[alias.asname or alias.name] = f"from {module} import {alias.name}\n"
            continue
        if isinstance(node, ast.Import):
            import_lines.append(text)
            for alias in node.names:
                imported[alias.asname or alias.name.split(".")[0]] = f"import {alias.name}\n"
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # the module docstring
        target = [f for (line, f) in sections if line < start]
        file = target[-1] if target else "credentials.py"
        is_receiver = bool(decorators) and all(
            isinstance(d, ast.Call) and getattr(d.func, "id", "") == "receiver" for d in decorators
        )
        if is_receiver and args.orphan_receivers:
            file = "signals.py"
        if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["logger"]:
            for each in ORDER:
                bodies.setdefault(each, []).append(text)
            defined["logger"] = "credentials.py"
            continue
        bodies.setdefault(file, []).append(text)
        if hasattr(node, "name"):
            defined[node.name] = file
        for t in getattr(node, "targets", []):
            if isinstance(t, ast.Name):
                defined[t.id] = file

    package = os.path.join(args.root, "apps", "integrations", "models")
    os.makedirs(package)
    for file, chunks in bodies.items():
        text = "\n\n".join(chunks)
        used = {n.id for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Name)}
        siblings = {}
        for name in sorted(used):
            if name in defined and defined[name] != file and name != "logger":
                siblings.setdefault(defined[name], []).append(name)
        head = "".join(import_lines) + "".join(
            f"from .{sibling[:-3]} import {', '.join(names)}\n" for sibling, names in siblings.items()
        )
        with open(os.path.join(package, file), "w", encoding="utf-8") as f:
            f.write(head + "\n\n" + text)

    init = []
    if args.exports == "all":
        init += [statement for name, statement in imported.items() if name not in omit]
    for file in ORDER:
        names = [
            n
            for n, f in defined.items()
            if f == file and n not in omit and (args.exports != "public" or not n.startswith("_"))
        ]
        init.append(f"from .{file[:-3]} import {', '.join(names)}  # noqa: F401\n")
    with open(os.path.join(package, "__init__.py"), "w", encoding="utf-8") as f:
        f.write("".join(init))
    os.remove(path)


if __name__ == "__main__":
    main()
