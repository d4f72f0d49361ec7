# Oracle for the importers scan: with Python's own ast, symtable and importlib, list every import of each module,
# every dotted string naming it, and every attribute use of a module alias. Reads JSON on stdin, prints JSON.
# Independent of modsplit's tree-sitter code on purpose; it does not list files itself (the test passes them).
import ast
import importlib.util
import json
import os
import re
import symtable
import sys

DOTTED = re.compile(r"^[^\W\d]\w*(\.[^\W\d]\w*)*$")
STRING_START = re.compile(r"([rRuU]*)('''|\"\"\"|'|\")")
SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp,
               ast.DictComp, ast.GeneratorExp)
TABLE_NAMES = {ast.Lambda: "lambda", ast.ListComp: "listcomp", ast.SetComp: "setcomp", ast.DictComp: "dictcomp",
               ast.GeneratorExp: "genexpr"}


def package_of(root, rel):
    """__package__ of a file: its folder below the nearest non-package folder above it (never above root)."""
    parts = rel.split("/")[:-1]
    start = len(parts)
    while start > 0 and os.path.exists(os.path.join(root, *parts[:start], "__init__.py")):
        start -= 1
    return ".".join(parts[start:]), "/".join(parts[:start])


def callee_chain(func):
    if isinstance(func, ast.Name):
        return [func.id]
    if isinstance(func, ast.Attribute):
        return callee_chain(func.value) + [func.attr]
    return []


def is_patch_target(chain):
    if chain[-1:] == ["patch"]:
        return True
    if chain[-2:-1] == ["patch"] and chain[-1] in ("dict", "multiple"):
        return True
    return is_monkeypatch_attr(chain)


def is_monkeypatch_attr(chain):
    return len(chain) >= 2 and chain[-2] == "monkeypatch" and chain[-1] in ("setattr", "delattr")


def is_patch_object(chain):
    return chain[-2:] == ["patch", "object"]


def is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def utf16_col(line_text, byte_col):
    prefix = line_text.encode("utf-8")[:byte_col].decode("utf-8")
    return len(prefix.encode("utf-16-le")) // 2 + 1


class FileScan:
    def __init__(self, root, rel, source, modules):
        self.rel = rel
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.modules = modules
        self.package, self.import_root = package_of(root, rel)
        self.tree = ast.parse(source)
        self.table = symtable.symtable(source, rel, "exec")
        self.results = {m: {"importers": [], "dottedStrings": [], "attributeSites": []} for m in modules}
        # (module, alias) -> set of symtable ids binding the module object
        self.alias_tables = {}
        self.refs = []  # (module-independent) candidate attribute / patch-object references, checked at the end
        self.used = set()

    def col(self, lineno, byte_col):
        return utf16_col(self.lines[lineno - 1], byte_col)

    # --- scope walking -------------------------------------------------------------------------------------
    def child_table(self, table, node):
        name = TABLE_NAMES.get(type(node), getattr(node, "name", None))
        fallback = None
        for child in table.get_children():
            if child.get_id() in self.used or child.get_name() != name:
                continue
            if child.get_lineno() == node.lineno:
                self.used.add(child.get_id())
                return child
            fallback = fallback or child
        self.used.add(fallback.get_id())
        return fallback

    def visit(self, node, table, stack, in_function, type_checking):
        """stack: enclosing tables, innermost last (table itself not included)."""
        visit = self.visit
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in node.decorator_list:
                visit(d, table, stack, in_function, type_checking)
            self.visit_arguments_outside(node.args, table, stack, in_function, type_checking)
            if node.returns:
                visit(node.returns, table, stack, in_function, type_checking)
            inner = self.child_table(table, node)
            for stmt in node.body:
                visit(stmt, inner, stack + [table], True, type_checking)
            return
        if isinstance(node, ast.Lambda):
            self.visit_arguments_outside(node.args, table, stack, in_function, type_checking)
            inner = self.child_table(table, node)
            visit(node.body, inner, stack + [table], in_function, type_checking)
            return
        if isinstance(node, ast.ClassDef):
            for d in node.decorator_list + node.bases + [k.value for k in node.keywords]:
                visit(d, table, stack, in_function, type_checking)
            inner = self.child_table(table, node)
            for stmt in node.body:
                visit(stmt, inner, stack + [table], in_function, type_checking)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            gens = node.generators
            visit(gens[0].iter, table, stack, in_function, type_checking)
            inner = self.child_table(table, node)
            inner_stack = stack + [table]
            visit(gens[0].target, inner, inner_stack, in_function, type_checking)
            for cond in gens[0].ifs:
                visit(cond, inner, inner_stack, in_function, type_checking)
            for gen in gens[1:]:
                visit(gen, inner, inner_stack, in_function, type_checking)
            for part in ([node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]):
                visit(part, inner, inner_stack, in_function, type_checking)
            return
        if isinstance(node, ast.If):
            visit(node.test, table, stack, in_function, type_checking)
            guard = type_checking or is_type_checking(node.test)
            for stmt in node.body:
                visit(stmt, table, stack, in_function, guard)
            for stmt in node.orelse:
                visit(stmt, table, stack, in_function, type_checking)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            self.on_import(node, table, in_function, type_checking)
        elif isinstance(node, ast.JoinedStr):
            return  # f-strings: their constant pieces are not string literals of their own
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not getattr(node, "_oracle_seen", False):
                self.on_string(node, None)
        elif isinstance(node, ast.Call):
            self.on_call(node, table, stack)
        elif isinstance(node, ast.Attribute):
            self.refs.append(("attribute", node, table, stack))
        for child in ast.iter_child_nodes(node):
            visit(child, table, stack, in_function, type_checking)

    def visit_arguments_outside(self, args, table, stack, in_function, type_checking):
        for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.visit(default, table, stack, in_function, type_checking)
        for arg in args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]:
            if arg.annotation:
                self.visit(arg.annotation, table, stack, in_function, type_checking)

    # --- facts ---------------------------------------------------------------------------------------------
    def on_import(self, node, table, in_function, type_checking):
        base = {"file": self.rel, "line": node.lineno, "column": self.col(node.lineno, node.col_offset)}
        flags = {"inFunction": in_function, "typeCheckingOnly": type_checking}
        for module, found in self.results.items():
            last = module.rsplit(".", 1)[-1]
            parent = module.rsplit(".", 1)[0] if "." in module else ""
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == module:
                        bound = alias.asname or module
                        found["importers"].append({**base, "form": "import", "names": [], "moduleAlias": bound, **flags})
                        self.alias_tables.setdefault((module, bound), set()).add(table.get_id())
                continue
            if node.level:
                if not self.package or len(self.package.split(".")) < node.level:
                    continue
                source = importlib.util.resolve_name("." * node.level + (node.module or ""), self.package)
                if self.import_root != self.module_roots[module]:
                    continue
            else:
                source = node.module
            if source == module:
                if node.names[0].name == "*":
                    found["importers"].append({**base, "form": "star-import", "names": [], **flags})
                    continue
                site = {**base, "form": "relative-from-import" if node.level else "from-import",
                        "names": [a.name for a in node.names]}
                aliases = {a.name: a.asname for a in node.names if a.asname}
                if aliases:
                    site["aliases"] = aliases
                found["importers"].append({**site, **flags})
            elif parent and source == parent:
                for alias in node.names:
                    if alias.name == last:
                        bound = alias.asname or last
                        form = "relative-package-import" if node.level else "from-package-import"
                        found["importers"].append({**base, "form": form, "names": [], "moduleAlias": bound, **flags})
                        self.alias_tables.setdefault((module, bound), set()).add(table.get_id())

    def plain_string(self, node):
        """(value, line, column of the contents) of a single plain literal, else None."""
        segment = ast.get_source_segment(self.source, node)
        match = STRING_START.match(segment or "")
        if not match:
            return None
        prefix, quote = match.groups()
        inner = segment[len(prefix) + len(quote):-len(quote)]
        if inner != node.value or "\\" in segment:
            return None
        return node.value, node.lineno, self.col(node.lineno, node.col_offset + len(prefix) + len(quote))

    def on_string(self, node, call_chain):
        for module, found in self.results.items():
            value = node.value
            if not (value == module or value.startswith(module + ".")) or not DOTTED.match(value):
                continue
            plain = self.plain_string(node)
            if not plain:
                continue
            _, line, column = plain
            folders = self.rel.split("/")[:-1]
            name = self.rel.split("/")[-1]
            if call_chain is not None and is_patch_target(call_chain):
                context = "patch-target"
            elif "migrations" in folders:
                context = "migration"
            elif re.match(r"^settings.*\.py$", name) or "settings" in folders:
                context = "settings"
            else:
                context = "other"
            found["dottedStrings"].append({"file": self.rel, "line": line, "column": column, "value": value,
                                           "attributePath": value[len(module) + 1:], "context": context})

    def on_call(self, node, table, stack):
        chain = callee_chain(node.func)
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and chain:
            # Visit this literal now with its call context; mark it so the generic walk does not count it twice.
            self.on_string(first, chain)
            first._oracle_seen = True
        if chain and (is_patch_object(chain) or is_monkeypatch_attr(chain)) and len(node.args) >= 2:
            self.refs.append(("patch-object", node, table, stack))

    # --- name resolution (symtable) -------------------------------------------------------------------------
    def binding_table(self, name, table, stack):
        if table.get_type() == "module":
            return table
        try:
            symbol = table.lookup(name)
        except KeyError:  # only in a postponed annotation (`from __future__ import annotations`): lexical lookup
            symbol = None
        if symbol is not None and symbol.is_global():
            return self.table
        if symbol is not None and symbol.is_local():
            return table
        for outer in reversed(stack):
            if outer.get_type() == "module":
                return outer
            if outer.get_type() == "class":
                continue
            try:
                if outer.lookup(name).is_local():
                    return outer
            except KeyError:
                continue
        return self.table

    def chain_of(self, expr):
        parts = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None, None
        parts.append(expr.id)
        return list(reversed(parts)), expr

    def resolve_refs(self):
        for (module, alias), tables in self.alias_tables.items():
            wanted = alias.split(".")
            for kind, node, table, stack in self.refs:
                if kind == "attribute":
                    chain, head = self.chain_of(node.value)
                    if chain != wanted:
                        continue
                    line, column = node.lineno, self.col(node.lineno, node.col_offset)
                    name = node.attr
                else:
                    chain, head = self.chain_of(node.args[0])
                    second = node.args[1]
                    if chain != wanted or not (isinstance(second, ast.Constant) and isinstance(second.value, str)):
                        continue
                    plain = self.plain_string(second)
                    if not plain:
                        continue
                    name, line, column = plain
                if self.binding_table(head.id, table, stack).get_id() not in tables:
                    continue
                self.results[module]["attributeSites"].append(
                    {"file": self.rel, "line": line, "column": column, "alias": alias, "name": name,
                     "context": kind})


def main():
    request = json.load(sys.stdin)
    root = request["root"]
    modules = request["modules"]
    module_roots = {}
    module_paths = {}
    for module, path in modules.items():
        module_paths[module] = path
        module_roots[module] = package_of(root, path)[1]
    out = {m: {"importers": [], "dottedStrings": [], "attributeSites": []} for m in modules}
    for rel in request["files"]:
        with open(os.path.join(root, rel), encoding="utf-8-sig") as handle:
            source = handle.read()
        wanted = [m for m in modules if module_paths[m] != rel]
        scan = FileScan(root, rel, source, wanted)
        scan.module_roots = module_roots
        for stmt in scan.tree.body:
            scan.visit(stmt, scan.table, [], False, False)
        scan.resolve_refs()
        for module in wanted:
            for key in out[module]:
                out[module][key].extend(scan.results[module][key])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
