"""Test oracle for split packages: real Python imports the result and checks what a split must preserve.

Reads a JSON list of jobs on stdin, writes a JSON list of results on stdout; many packages per process.
Job kinds:
  {"kind": "collect", "root", "module", "django"?}: import the original module (after django.setup() with a
   minimal configuration when "django" is true); report dir(), the `import *` set and the global names its own
   code objects load but its namespace never binds ("unresolved", e.g. a def under `if not PY311:`).
  {"kind": "check", "root", "package", "files": {stem: path}, "reexports": {name: stem}, "required": [...],
   "star": [...] | null, "knownUnresolved"?: [...]}: import the split package and check that every global name loaded by every code object
   of every new file (LOAD_GLOBAL/LOAD_NAME, recursively through co_consts) resolves in that file's globals or
   builtins, that `pkg.n is pkg.<stem>.n` for each re-export, that the required names are in dir(pkg), and (when
   `star` is given) that `from pkg import *` gives exactly `star`.
It does not run function bodies and never writes bytecode.
"""

import builtins
import dis
import importlib
import json
import sys
import traceback
import types

sys.dont_write_bytecode = True
BUILTINS = set(dir(builtins))
BASE_PATH = list(sys.path)


def forget(top):
    for name in list(sys.modules):
        if name == top or name.startswith(top + "."):
            del sys.modules[name]


def star_names(module):
    if hasattr(module, "__all__"):
        return sorted(module.__all__)
    return sorted(n for n in vars(module) if not n.startswith("_"))


DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]


def load_in(root, dotted, django_setup=False):
    forget(dotted.split(".")[0])
    sys.path[:] = [root] + BASE_PATH
    importlib.invalidate_caches()
    if django_setup:
        import django
        from django.conf import settings

        if not settings.configured:
            settings.configure(INSTALLED_APPS=DJANGO_APPS, DATABASES={}, SECRET_KEY="oracle", USE_TZ=True)
        django.setup()
    return importlib.import_module(dotted)


def name_stores(code):
    """Names a class body (or module body) binds or deletes itself: LOAD_NAME may find them there."""
    ops = ("STORE_NAME", "DELETE_NAME", "STORE_GLOBAL", "DELETE_GLOBAL")
    out = set()
    for i in dis.get_instructions(code):
        if i.opname in ops:
            out.add(i.argval)
        elif i.opname == "SETUP_ANNOTATIONS":
            out.add("__annotations__")
    return out


def walk_code(code, is_module=True):
    yield code, is_module
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from walk_code(const, False)


def unresolved_loads(path, namespace):
    with open(path, "rb") as f:
        source = f.read()
    module_code = compile(source, path, "exec", dont_inherit=True)
    missing = []
    for code, is_module in walk_code(module_code):
        # Class bodies read their own names with LOAD_NAME; a module body may `del` a temporary it used.
        local = name_stores(code)
        for ins in dis.get_instructions(code):
            if ins.opname not in ("LOAD_GLOBAL", "LOAD_NAME"):
                continue
            name = ins.argval
            if name in local and (ins.opname == "LOAD_NAME" or is_module):
                continue
            if name in namespace or name in BUILTINS:
                continue
            line = getattr(ins, "positions", None)
            line = line.lineno if line is not None else ins.starts_line
            missing.append({"name": name, "line": line, "code": code.co_qualname if hasattr(code, "co_qualname") else code.co_name})
    return missing


def run(job):
    if job["kind"] == "collect":
        module = load_in(job["root"], job["module"], job.get("django", False))
        # Names the original itself loads but never binds (a def under `if not PY311:`): not the split's fault.
        unresolved = sorted({m["name"] for m in unresolved_loads(module.__file__, vars(module))})
        return {"dir": sorted(dir(module)), "star": star_names(module), "unresolved": unresolved}
    package = load_in(job["root"], job["package"], job.get("django", False))
    problems = []
    known = set(job.get("knownUnresolved", []))
    submodules = {}
    for stem, path in sorted(job["files"].items()):
        try:
            sub = importlib.import_module(job["package"] + "." + stem)
        except Exception as error:  # noqa: BLE001
            problems.append(f"import {job['package']}.{stem} failed: {error!r}")
            continue
        submodules[stem] = sub
        for miss in unresolved_loads(path, vars(sub)):
            if miss["name"] in known:
                continue
            problems.append(f"{stem}.py:{miss['line']}: {miss['code']} loads `{miss['name']}`, unresolved in {stem}.py")
    for name, stem in sorted(job["reexports"].items()):
        sub = submodules.get(stem)
        if sub is None:
            continue
        if not hasattr(package, name) or not hasattr(sub, name):
            problems.append(f"re-export `{name}` missing from the package or from {stem}.py")
        elif getattr(package, name) is not getattr(sub, name):
            problems.append(f"`{job['package']}.{name}` is not `{job['package']}.{stem}.{name}`")
    present = set(dir(package))
    for name in job["required"]:
        if name not in present:
            problems.append(f"`{name}` is no longer reachable as `{job['package']}.{name}`")
    star = star_names(package)
    if job.get("star") is not None and star != sorted(job["star"]):
        gained = sorted(set(star) - set(job["star"]))
        lost = sorted(set(job["star"]) - set(star))
        problems.append(f"`from {job['package']} import *` changed: gained {gained}, lost {lost}")
    return {"problems": problems, "dir": sorted(present), "star": star}


def main():
    jobs = json.load(sys.stdin)
    results = []
    for job in jobs:
        try:
            results.append(run(job))
        except Exception:  # noqa: BLE001
            results.append({"error": traceback.format_exc(limit=5)})
        finally:
            top = (job.get("module") or job.get("package") or "").split(".")[0]
            if top:
                forget(top)
    json.dump(results, sys.stdout)


main()
