# Oracle for analyze/dependencies: per top-level statement, the global names it uses (split by when), binds,
# deletes and writes through `global`, resolved by CPython's symtable; ast only locates names and their context.
# Reads a JSON list of file paths on stdin, writes one JSON object (path -> result) on stdout. One process per corpus.
#
# Classification (the spec the TypeScript side follows): module-level code, class bodies, decorators, defaults and
# bases are "import-time"; function and lambda bodies "call-time"; annotations "annotation" (an evaluated annotation
# inside a function body counts as "call-time"). Under `from __future__ import annotations` symtable does not see
# annotations at all, so they are left out ("future": true tells the test to drop them on its side too).
# String annotations and Django lazy references are invisible to symtable and are not compared.
# One deliberate step beyond symtable: in a class body, a read of a class-local name before the body binds it is a
# global use (LOAD_NAME falls back to globals): `class Settings: DEBUG = DEBUG` needs the module's DEBUG.
# "rebinds": names the statement binds and, while the module runs, reads before (in execution order) binding them.

import ast
import json
import sys
import symtable
from collections import defaultdict, deque

COMPREHENSIONS = {
    ast.ListComp: "listcomp",
    ast.SetComp: "setcomp",
    ast.DictComp: "dictcomp",
    ast.GeneratorExp: "genexpr",
}


class Context:
    """Where the walk is: the symbol table, its kind, and how loads are classified."""

    __slots__ = ("table", "kind", "parent", "when", "annotation", "children", "loads", "private", "bound")

    def __init__(self, table, kind, parent, when):
        self.table = table
        # Innermost enclosing class name, for private name mangling (`__x` in class C is `_C__x`).
        self.private = table.get_name() if kind == "class" else parent.private if parent else None
        self.kind = kind  # module | function | lambda | class | comprehension
        self.parent = parent
        self.when = when
        self.annotation = None
        children = defaultdict(deque)
        for child in table.get_children():
            children[(child.get_name(), child.get_lineno())].append(child)
        self.children = children
        # Names loaded in this table that resolved global (for the oracle's own consistency check).
        self.loads = set()
        # Class bodies: names bound so far in execution order (a read before the binding falls back to globals).
        self.bound = set()

    def child(self, name, lineno, kind, when):
        queue = self.children.get((name, lineno))
        if not queue:
            raise RuntimeError(f"no symbol table for {kind} {name} at line {lineno}")
        return Context(queue.popleft(), kind, self, when)


def is_global(symbol):
    """The symbol's resolved scope is global. Not Symbol.is_global(): in 3.11 it takes any function named `top` for
    the module (symtable.py compares the table name with "top") and then calls its locals global."""
    return symbol._Symbol__scope in (symtable.GLOBAL_IMPLICIT, symtable.GLOBAL_EXPLICIT)


def mangle(name, ctx):
    private = ctx.private
    if not private or not name.startswith("__") or name.endswith("__") or "." in name:
        return name
    stripped = private.lstrip("_")
    return f"_{stripped}{name}" if stripped else name


class StatementOracle:
    def __init__(self, module_table, future):
        self.module = Context(module_table, "module", None, "import-time")
        self.future = future
        self.checked_tables = []

    def run(self, stmt):
        self.uses = {"import-time": set(), "call-time": set(), "annotation": set()}
        self.binds = []
        self.deletes = []
        self.global_writes = set()
        self.calls = set()
        self.read_before_bind = set()
        self.by_kind = {kind: set() for kind in ("module", "function", "lambda", "class", "comprehension")}
        self.visit(stmt, self.module)
        binds = set(self.binds)
        return {
            "line": min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])]),
            "importTime": sorted(self.uses["import-time"]),
            "callTime": sorted(self.uses["call-time"]),
            "annotation": sorted(self.uses["annotation"]),
            "binds": sorted(binds),
            "rebinds": sorted(self.read_before_bind & binds),
            "deletes": sorted(set(self.deletes)),
            "globalWrites": sorted(self.global_writes),
            "importTimeCalls": sorted(self.calls),
            "byScopeKind": {kind: sorted(names) for kind, names in self.by_kind.items()},
        }

    # ---- names ----

    def load(self, name, ctx, called=False, augmented=False):
        name = mangle(name, ctx)
        fallback = False
        if ctx.kind != "module":
            symbol = ctx.table.lookup(name)
            # LOAD_NAME in a class body: a class-local name read before the body binds it is found in globals.
            fallback = ctx.kind == "class" and symbol._Symbol__scope == symtable.LOCAL and name not in ctx.bound
            if not is_global(symbol) and not fallback:
                return
        if not augmented and not fallback:
            # symtable marks `x += 1` as a store only; the read is ours.
            ctx.loads.add(name)
        when = ctx.annotation or ctx.when
        self.by_kind[ctx.kind].add(name)
        self.uses[when].add(name)
        if called and when == "import-time":
            self.calls.add(name)
        # Read while the module runs, before this statement bound it: it needs an earlier binding.
        if ctx.when == "import-time" and when != "call-time" and name not in self.binds:
            self.read_before_bind.add(name)

    def bind(self, name, ctx):
        name = mangle(name, ctx)
        ctx.bound.add(name)
        if ctx.kind == "module":
            self.binds.append(name)

    def delete(self, name, ctx):
        name = mangle(name, ctx)
        ctx.bound.discard(name)
        if ctx.kind == "module":
            self.deletes.append(name)

    # ---- scopes ----

    def enter(self, node, name, kind, ctx, when):
        child = ctx.child(name, node.lineno, kind, when)
        self.checked_tables.append(child)
        if kind in ("function", "class"):
            table = child.table
            for symbol in table.get_symbols():
                if symbol.is_declared_global() and (symbol.is_assigned() or symbol.is_imported()):
                    self.global_writes.add(symbol.get_name())
        return child

    def annotation(self, node, ctx, variable):
        if node is None or self.future:
            return
        saved = ctx.annotation
        if variable and ctx.kind in ("function", "lambda"):
            ctx.annotation = "annotation"
        elif ctx.when == "call-time":
            ctx.annotation = "call-time"
        else:
            ctx.annotation = "annotation"
        self.visit(node, ctx)
        ctx.annotation = saved

    def arguments(self, args, ctx):
        for default in args.defaults:
            self.visit(default, ctx)
        for default in args.kw_defaults:
            if default is not None:
                self.visit(default, ctx)

    def argument_annotations(self, args, returns, ctx):
        for arg in args.posonlyargs + args.args + [args.vararg] + args.kwonlyargs + [args.kwarg]:
            if arg is not None:
                self.annotation(arg.annotation, ctx, False)
        self.annotation(returns, ctx, False)

    # ---- the walk ----

    def visit_all(self, nodes, ctx):
        for node in nodes:
            self.visit(node, ctx)

    def visit_decorators(self, decorators, ctx):
        for decorator in decorators:
            if isinstance(decorator, ast.Name):
                self.load(decorator.id, ctx, called=True)
            else:
                self.visit(decorator, ctx)

    def visit(self, node, ctx):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                self.load(node.id, ctx)
            elif isinstance(node.ctx, ast.Store):
                self.bind(node.id, ctx)
            else:
                self.delete(node.id, ctx)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # symtable's order: defaults, annotations, decorators, then the body.
            self.arguments(node.args, ctx)
            self.argument_annotations(node.args, node.returns, ctx)
            self.visit_decorators(node.decorator_list, ctx)
            self.bind(node.name, ctx)
            inner = self.enter(node, node.name, "function", ctx, "call-time")
            self.visit_all(node.body, inner)
        elif isinstance(node, ast.Lambda):
            self.arguments(node.args, ctx)
            inner = self.enter(node, "lambda", "lambda", ctx, "call-time")
            self.visit(node.body, inner)
        elif isinstance(node, ast.ClassDef):
            self.visit_all(node.bases, ctx)
            for keyword in node.keywords:
                if keyword.arg == "metaclass" and isinstance(keyword.value, ast.Name):
                    self.load(keyword.value.id, ctx, called=True)  # creating the class calls its metaclass
                else:
                    self.visit(keyword, ctx)
            self.visit_decorators(node.decorator_list, ctx)
            inner = self.enter(node, node.name, "class", ctx, ctx.when)
            self.visit_all(node.body, inner)
            self.bind(node.name, ctx)
        elif type(node) in COMPREHENSIONS:
            generators = node.generators
            self.visit(generators[0].iter, ctx)
            inner = self.enter(node, COMPREHENSIONS[type(node)], "comprehension", ctx, ctx.when)
            for i, generator in enumerate(generators):
                self.visit(generator.target, inner)
                if i > 0:
                    self.visit(generator.iter, inner)
                self.visit_all(generator.ifs, inner)
            if isinstance(node, ast.DictComp):
                self.visit(node.key, inner)
                self.visit(node.value, inner)
            else:
                self.visit(node.elt, inner)
        elif isinstance(node, ast.NamedExpr):
            self.visit(node.value, ctx)
            target = ctx
            while target.kind == "comprehension":
                target = target.parent
            self.bind(node.target.id, target)
        elif isinstance(node, ast.AugAssign):
            if isinstance(node.target, ast.Name):
                self.load(node.target.id, ctx, augmented=True)
            self.visit(node.value, ctx)
            self.visit(node.target, ctx)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                self.visit(node.value, ctx)
            self.annotation(node.annotation, ctx, True)
            if not isinstance(node.target, ast.Name):
                self.visit(node.target, ctx)
            elif node.value is not None:
                self.bind(node.target.id, ctx)
        elif isinstance(node, ast.Assign):
            self.visit(node.value, ctx)
            self.visit_all(node.targets, ctx)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self.visit(node.iter, ctx)
            self.visit(node.target, ctx)
            self.visit_all(node.body, ctx)
            self.visit_all(node.orelse, ctx)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    self.bind(alias.asname or alias.name.split(".")[0], ctx)
        elif isinstance(node, ast.ExceptHandler):
            if node.type is not None:
                self.visit(node.type, ctx)
            if node.name:
                self.bind(node.name, ctx)
                self.delete(node.name, ctx)
            self.visit_all(node.body, ctx)
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                self.load(node.func.id, ctx, called=True)
            else:
                self.visit(node.func, ctx)
            self.visit_all(node.args, ctx)
            self.visit_all(node.keywords, ctx)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)):
            if node.name:
                self.bind(node.name, ctx)
            if isinstance(node, ast.MatchAs) and node.pattern is not None:
                self.visit(node.pattern, ctx)
        elif isinstance(node, ast.MatchMapping):
            self.visit_all(node.keys, ctx)
            self.visit_all(node.patterns, ctx)
            if node.rest:
                self.bind(node.rest, ctx)
        else:
            for child in ast.iter_child_nodes(node):
                self.visit(child, ctx)


def has_future_annotations(tree):
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
            if any(alias.name == "annotations" for alias in stmt.names):
                return True
    return False


def analyze(path):
    with open(path, "rb") as f:
        source = f.read()
    tree = ast.parse(source, filename=path)
    table = symtable.symtable(source.decode("utf-8"), path, "exec")
    future = has_future_annotations(tree)
    oracle = StatementOracle(table, future)
    statements = [oracle.run(stmt) for stmt in tree.body]
    # Self-check: every table's referenced globals are exactly the loads the walk attributed to it.
    problems = []
    for ctx in oracle.checked_tables:
        expected = {
            s.get_name()
            for s in ctx.table.get_symbols()
            if s.is_referenced() and is_global(s) and s.get_name() != "__class__"
        }
        if expected != ctx.loads:
            problems.append(
                f"{ctx.table.get_name()}@{ctx.table.get_lineno()}: symtable {sorted(expected - ctx.loads)}"
                f" walk {sorted(ctx.loads - expected)}"
            )
    for ctx in [oracle.module, *oracle.checked_tables]:
        for queue in ctx.children.values():
            if queue:
                problems.append(f"unvisited tables {[t.get_name() for t in queue]} in {ctx.table.get_name()}")
    return {"future": future, "statements": statements, "oracleProblems": problems}


def main():
    paths = json.load(sys.stdin)
    out = {}
    for path in paths:
        try:
            out[path] = analyze(path)
        except (SyntaxError, ValueError) as error:
            # ValueError covers UnicodeDecodeError and null bytes.
            out[path] = {"error": f"{type(error).__name__}: {error}"}
        except Exception as error:  # an oracle bug: report it against the file, keep going
            out[path] = {"future": False, "statements": [], "oracleProblems": [f"{type(error).__name__}: {error}"]}
    json.dump(out, sys.stdout)


main()
