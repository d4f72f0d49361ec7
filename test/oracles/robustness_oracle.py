"""Batch oracle for the robustness tests: imports modules before and after a split (many per interpreter), compares
what is reachable, runs pyflakes, and builds and imports naive splits of refused plans. Never edits a project file
(the naive splits go to folders the caller names); it does not judge: the TypeScript tests do.

Usage: python robustness_oracle.py jobs.json results.json
"""

import ast
import builtins
import dis
import importlib
import io
import json
import os
import re
import sys
import traceback
import types

sys.dont_write_bytecode = True
BASE_PATH = list(sys.path)

DJANGO_SETTINGS = {
    "SECRET_KEY": "robustness",
    "INSTALLED_APPS": [
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.flatpages",
        "django.contrib.redirects",
        "django.contrib.sites",
    ],
    "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    "USE_TZ": True,
}
NEEDS_SETTINGS = {"ImproperlyConfigured", "AppRegistryNotReady"}
SPECIAL = {"__builtins__", "__cached__", "__file__", "__loader__", "__spec__", "__path__", "__package__",
           "__name__", "__doc__"}


def describe_error(exc):
    return {"type": type(exc).__name__, "message": str(exc)[:500],
            "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-3000:]}


def reset(root, purge):
    """Forget previously imported modules under the purged prefixes and put `root` first on sys.path."""
    for name in list(sys.modules):
        if any(name == p or name.startswith(p + ".") for p in purge):
            del sys.modules[name]
    sys.path[:] = [root] + BASE_PATH
    importlib.invalidate_caches()


def configure_django():
    from django.conf import settings
    import django
    settings.configure(**DJANGO_SETTINGS)
    django.setup()


def import_fresh(root, dotted, purge, settings):
    reset(root, purge)
    if settings:
        configure_django()
    return importlib.import_module(dotted)


def import_module_deciding_settings(root, dotted, purge, settings):
    """Import; when Django complains about missing settings (and settings were not forced off), retry with them."""
    if settings is not None:
        return import_fresh(root, dotted, purge, settings), settings
    try:
        return import_fresh(root, dotted, purge, False), False
    except Exception as exc:
        first = exc
    # Django's settings (and the app registry, which also settles some import orders) may be what is missing.
    try:
        return import_fresh(root, dotted, purge, True), True
    except Exception:
        raise first


def module_of(value):
    return getattr(value, "__module__", None)


def fingerprint(value, own, depth=0):
    """A value's comparable picture: what it is, where it was defined (`<self>` for the module split), its value.
    Looks at `type(value)` only, so lazy objects (Django's settings, lazy strings) are not evaluated."""
    if depth > 4:
        return ["deep"]
    kind = type(value)
    if kind is types.ModuleType:
        name = value.__name__
        return ["module", "<self>" + name[len(own[0]):] if own[1](name) else name]
    if kind in (bool, int, float, complex, str, bytes, type(None)):
        return ["const", repr(value)]
    if kind in (list, tuple):
        return [kind.__name__, [fingerprint(v, own, depth + 1) for v in value]]
    if kind in (set, frozenset):
        return [kind.__name__, sorted(json.dumps(fingerprint(v, own, depth + 1)) for v in value)]
    if kind is dict:
        return ["dict", [[fingerprint(k, own, depth + 1), fingerprint(v, own, depth + 1)] for k, v in value.items()]]
    if isinstance(kind, type) and issubclass(kind, (type, types.FunctionType, types.BuiltinFunctionType)):
        mod = getattr(value, "__module__", None)
        where = "<self>" if isinstance(mod, str) and own[1](mod) else mod
        picture = ["def", kind.__name__, where, getattr(value, "__qualname__", None)]
        if isinstance(value, type) and depth < 2:
            picture.append([fingerprint(b, own, depth + 1) for b in value.__bases__])
        return picture
    mod = vars(kind).get("__module__")
    where = "<self>" if isinstance(mod, str) and own[1](mod) else mod
    return ["obj", where, kind.__qualname__]


def names_of(mod):
    return sorted(n for n in dir(mod) if n not in SPECIAL)


def star_names(dotted):
    ns = {}
    exec("from " + dotted + " import *", ns)
    return sorted(n for n in ns if n != "__builtins__")


def walk_code(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from walk_code(const)


LOADS = {"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FROM_DICT_OR_GLOBALS"}
STORES = {"STORE_NAME", "DELETE_NAME", "STORE_GLOBAL", "DELETE_GLOBAL"}


def unresolved_names(mod, path):
    """Global loads of the file's code objects that resolve neither in the module's namespace nor in builtins."""
    with open(path, "rb") as f:
        code = compile(f.read(), path, "exec", dont_inherit=True)
    codes = list(walk_code(code))
    stored = set()
    for c in codes:
        for ins in dis.get_instructions(c):
            if ins.opname in STORES:
                stored.add(ins.argval)
    namespace = vars(mod)
    found = {}
    for c in codes:
        for ins in dis.get_instructions(c):
            if ins.opname in LOADS:
                name = ins.argval
                if name in namespace or hasattr(builtins, name) or name in stored:
                    continue
                found.setdefault(name, c.co_firstlineno)
    return found


def reexport_problems(pkg, dotted, init_path):
    """Each `from .x import n [as m]` in __init__.py: `pkg.m is pkg.x.n`."""
    with open(init_path, "rb") as f:
        tree = ast.parse(f.read(), init_path)
    problems = []
    checked = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level != 1 or not node.module:
            continue
        source = sys.modules.get(dotted + "." + node.module)
        if source is None:
            problems.append("submodule " + node.module + " is not loaded")
            continue
        for alias in node.names:
            local = alias.asname or alias.name
            if alias.name == "*":
                continue
            checked += 1
            if getattr(pkg, local, None) is not getattr(source, alias.name, object()):
                problems.append(dotted + "." + local + " is not " + dotted + "." + node.module + "." + alias.name)
    return problems, checked


def run_probes(mod, probes, own):
    """Evaluate each probe expression with `m` bound to the module: its value picture, or the error it raised."""
    out = []
    for probe in probes or []:
        try:
            out.append(fingerprint(eval(probe, {"m": mod}), own))
        except BaseException as exc:
            out.append(["error", type(exc).__name__, str(exc)[:200]])
    return out


def check_before(job, result):
    before = job["before"]
    # A package's own submodules (`django.db.models.fields.related`) count as its own, before as after.
    own = (before["module"], lambda name: name == before["module"] or name.startswith(before["module"] + "."))
    try:
        mod, settings = import_module_deciding_settings(before["root"], before["module"], job["purge"],
                                                        job.get("settings"))
    except BaseException as exc:
        result["before"] = {"ok": False, "error": describe_error(exc)}
        return None
    info = {"ok": True, "settings": settings, "names": {}, "star": None}
    for name in names_of(mod):
        info["names"][name] = fingerprint(getattr(mod, name), own)
    try:
        info["star"] = star_names(before["module"])
    except BaseException as exc:
        info["starError"] = describe_error(exc)
    path = getattr(mod, "__file__", None)
    info["unresolved"] = sorted(unresolved_names(mod, path)) if path else []
    info["probes"] = run_probes(mod, job.get("probes"), own)
    result["before"] = info
    return info


def check_after(job, after, info):
    dotted = after["package"]
    own = (dotted, lambda name: name == dotted or name.startswith(dotted + "."))
    out = {"label": after.get("label"), "ok": True}
    try:
        pkg = import_fresh(after["root"], dotted, job["purge"], info["settings"])
    except BaseException as exc:
        return {"label": after.get("label"), "ok": False, "error": describe_error(exc)}
    pkg_dir = os.path.dirname(os.path.abspath(pkg.__file__))
    missing, changed = [], []
    required = job.get("required")
    for name, fp in info["names"].items():
        if not hasattr(pkg, name):
            if required is None or name in required:
                missing.append(name)
            continue
        now = fingerprint(getattr(pkg, name), own)
        if json.dumps(now) != json.dumps(fp):
            changed.append({"name": name, "before": fp, "after": now})
    out["missing"] = missing
    out["changed"] = changed
    out["reexportProblems"], out["reexportsChecked"] = reexport_problems(pkg, dotted, pkg.__file__)
    known = set(info.get("unresolved") or [])
    unresolved = []
    stems = sorted(f[:-3] for f in os.listdir(pkg_dir) if f.endswith(".py"))
    out["submodules"] = stems
    for stem in stems:
        name = dotted if stem == "__init__" else dotted + "." + stem
        if name not in sys.modules:
            unresolved.append({"file": stem, "name": "<not imported by __init__>", "line": 0})
            try:
                importlib.import_module(name)
            except BaseException as exc:
                out["ok"] = False
                out["error"] = describe_error(exc)
                continue
        sub = sys.modules[name]
        for n, line in sorted(unresolved_names(sub, sub.__file__).items()):
            if n not in known:
                unresolved.append({"file": stem, "name": n, "line": line})
    out["unresolved"] = unresolved
    # Last: probes call functions that rebind globals, which would make re-export snapshots differ above.
    for probe, expected, now in zip(job.get("probes") or [], info["probes"], run_probes(pkg, job.get("probes"), own)):
        if json.dumps(now) != json.dumps(expected):
            changed.append({"name": "probe " + probe, "before": expected, "after": now})
    if job.get("checkStar") and info.get("star") is not None:
        try:
            now = set(star_names(dotted))
            out["starMissing"] = sorted(set(info["star"]) - now)
        except BaseException as exc:
            out["ok"] = False
            out["error"] = describe_error(exc)
    return out


def run_pyflakes(paths):
    from pyflakes import api, reporter as pyflakes_reporter

    class Collect(pyflakes_reporter.Reporter):
        def __init__(self):
            super().__init__(io.StringIO(), io.StringIO())
            self.messages = []

        def flake(self, message):
            self.messages.append({"kind": type(message).__name__,
                                  "args": [str(a) for a in message.message_args],
                                  "line": message.lineno})

        def syntaxError(self, filename, msg, lineno, offset, text):
            self.messages.append({"kind": "SyntaxError", "args": [msg], "line": lineno or 0})

    out = {}
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        collect = Collect()
        api.check(data.decode("utf-8-sig", "replace"), path, collect)
        aliased = set()
        try:
            for node in ast.walk(ast.parse(data)):
                if isinstance(node, ast.ImportFrom):
                    prefix = "." * node.level + (node.module or "")
                    for alias in node.names:
                        if alias.asname == alias.name:
                            aliased.add(prefix + ("" if prefix.endswith(".") else ".") + alias.name)
        except SyntaxError:
            pass
        lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n|$)", data.decode("utf-8-sig", "replace"))
        for m in collect.messages:
            m["text"] = lines[m["line"] - 1].rstrip("\r\n") if 0 < m["line"] <= len(lines) else ""
            m["reexportAlias"] = m["kind"] == "UnusedImport" and bool(m["args"]) and m["args"][0] in aliased
        out[path] = collect.messages
    return out


def package_job(job):
    result = {}
    info = check_before(job, result)
    if info is not None:
        result["after"] = [check_after(job, after, info) for after in job["after"]]
    if job.get("pyflakes"):
        result["pyflakes"] = run_pyflakes(job["pyflakes"])
    return result


# ---- naive splits of refused plans ----

def global_loads(stmt, filename):
    """Module-level names a top-level statement reads, at import or call time (every code object it compiles to)."""
    code = compile(ast.Module(body=[stmt], type_ignores=[]), filename, "exec", dont_inherit=True)
    names = set()
    for c in walk_code(code):
        local = set()
        if c is not code and c.co_flags & 0x2 == 0:  # a class body: LOAD_NAME of its own assignments is local
            local = {i.argval for i in dis.get_instructions(c) if i.opname == "STORE_NAME"}
        for ins in dis.get_instructions(c):
            if ins.opname in LOADS and ins.argval not in local:
                names.add(ins.argval)
    return names


def bound_names(stmt):
    """Names a top-level statement binds (a def/class its own name; otherwise every stored or deleted Name)."""
    names = []
    simple = not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
    for node in ast.walk(stmt) if simple else [stmt]:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.append(node.id)
    return names


def naive_job(job):
    """Split `source` by `assign` (name -> file stem, `__init__` allowed): imports copied to every file, every
    cross-file use a module-level `from .x import y`, `__init__.py` importing every file and re-exporting its names.
    Statements that bind nothing go with a file of a name they use; every such choice is tried (the first
    `maxVariants`, default 64). Statements that bind no planned name but import something (a try/except ImportError
    block) are copied like imports. With `bumpRelative` (a module, not a package __init__, split one folder deeper)
    relative imports get one more dot. With `original`, that module must import first (else the result is
    `skipped`); it decides whether Django settings are needed and gives the expected `probes` values. Reports, per
    variant, whether it imports with the same probe values."""
    purge = job.get("purge") or []
    settings = False
    expected = None
    if job.get("original"):
        try:
            original, settings = import_module_deciding_settings(job["original"]["root"], job["original"]["module"],
                                                                 purge, None)
            own_name = job["original"]["module"]
            expected = run_probes(original, job.get("probes"), (own_name, lambda n: n == own_name))
        except BaseException as exc:
            return {"built": False, "skipped": "original does not import: " + describe_error(exc)["message"]}
    text = job["source"]
    tree = ast.parse(text)
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n|$)", text)
    assign = job["assign"]
    stems = job["files"]
    imports, placed, floating = [], [], []
    owner = {}
    for stmt in tree.body:
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        seg = "".join(lines[start - 1:stmt.end_lineno])
        if job.get("bumpRelative"):
            seg = re.sub(r"^([ \t]*from )\.", r"\1..", seg, flags=re.M)
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            imports.append(seg)
            continue
        names = [n for n in bound_names(stmt) if n in assign]
        if not names and isinstance(stmt, (ast.Try, ast.If)) and any(
                isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(stmt)):
            imports.append(seg)
            continue
        files = sorted({assign[n] for n in names})
        if len(files) > 1:
            return {"built": False, "reason": "statement binds names planned into several files: " + ", ".join(names)}
        uses = global_loads(stmt, job["filename"])
        if files:
            placed.append((stmt, seg, files[0], uses))
            for n in bound_names(stmt):
                owner.setdefault(n, files[0])
        else:
            placed.append((stmt, seg, None, uses))
            floating.append(len(placed) - 1)
    choices = []
    for i in floating:
        _, _, _, uses = placed[i]
        options = sorted({owner[n] for n in uses if n in owner}) or [stems[0]]
        choices.append(options)
    variants = [[]]
    for options in choices:
        variants = [v + [o] for v in variants for o in options][:job.get("maxVariants", 64)]
    outcomes = []
    for number, variant in enumerate(variants):
        where = dict(zip(floating, variant))
        file_of = [f if f is not None else where[i] for i, (_, _, f, _) in enumerate(placed)]
        package = job["package"] + "_v" + str(number)
        pkg_dir = os.path.join(job["root"], *package.split("."))
        os.makedirs(pkg_dir, exist_ok=True)
        bodies = {stem: [] for stem in stems}
        bodies.setdefault("__init__", [])
        needs = {stem: {} for stem in bodies}
        for i, (_, seg, _, uses) in enumerate(placed):
            stem = file_of[i]
            bodies[stem].append(seg if seg.endswith("\n") else seg + "\n")
            for n in sorted(uses):
                if n in owner and owner[n] != stem:
                    needs[stem].setdefault(owner[n], set()).add(n)
        future = [s for s in imports if s.lstrip().startswith("from __future__")]
        others = [s for s in imports if s not in future]
        for stem, body in bodies.items():
            head = list(future) + list(others)
            for src, names in sorted(needs[stem].items()):
                mod = "." if src == "__init__" else "." + src
                head.append("from " + mod + " import " + ", ".join(sorted(names)) + "\n")
            tail = []
            if stem == "__init__":
                # Import every file, and re-export what it defines, as the package did before.
                for sub in stems:
                    if sub == "__init__":
                        continue
                    defined = sorted(n for n, o in owner.items() if o == sub)
                    tail.append("from . import " + sub + "\n")
                    if defined:
                        tail.append("from ." + sub + " import " + ", ".join(defined) + "\n")
            with open(os.path.join(pkg_dir, stem + ".py"), "w", encoding="utf-8") as f:
                f.write("".join(head + body + tail))
        try:
            naive = import_fresh(job["root"], package, purge, settings)
            got = run_probes(naive, job.get("probes"),
                             (package, lambda n: n == package or n.startswith(package + ".")))
            if expected is not None and json.dumps(got) != json.dumps(expected):
                outcomes.append({"ok": False, "error": {"type": "ProbeDiffers", "message": json.dumps(
                    {"expected": expected, "got": got})[:500], "traceback": ""}})
                continue
            outcomes.append({"ok": True})
        except BaseException as exc:
            outcomes.append({"ok": False, "error": describe_error(exc)})
    return {"built": True, "variants": len(variants), "outcomes": outcomes}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    results = []
    for job in jobs:
        try:
            if job["kind"] == "package":
                results.append(package_job(job))
            elif job["kind"] == "naive":
                results.append(naive_job(job))
            elif job["kind"] == "pyflakes":
                results.append({"pyflakes": run_pyflakes(job["paths"])})
            else:
                results.append({"fatal": "unknown job kind " + job["kind"]})
        except BaseException as exc:
            results.append({"fatal": describe_error(exc)})
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
