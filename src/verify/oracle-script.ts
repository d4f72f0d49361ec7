// The Python side of the verify stage, embedded as a string so the package works after `npm pack` (no .py to copy).
// It imports the split package and reports what is wrong as JSON; it never edits files (bytecode writing is off).

/**
 * Run as `python -c ORACLE_SCRIPT CONFIG_JSON`. Config: `{mode: "verify"|"collect", root, package, resultPath,
 * djangoSettings?, files?, names?, starNames?, reExports?, knownUnresolved?}`. Writes `{python, problems: [...], ...}` to resultPath.
 * Compatible with Python 3.8+ (instruction line numbers come from `line_number`, `positions` or `starts_line`).
 */
// biome-ignore lint/complexity/noUselessStringRaw: a backslash added to the Python text must reach Python as is.
export const ORACLE_SCRIPT = String.raw`
import ast, builtins, dis, importlib, json, os, sys, traceback, types

cfg = json.loads(sys.argv[1])
root = os.path.abspath(cfg["root"])
package = cfg["package"]
result = {"python": sys.version.split()[0], "executable": sys.executable, "problems": [],
          "modules": [], "codeObjects": 0}


def rel(path):
    try:
        path = os.path.abspath(path)
        r = os.path.relpath(path, root)
        return path if r.startswith("..") else r.replace(os.sep, "/")
    except Exception:
        return path


def problem(kind, message, path=None, line=None, column=None, **extra):
    p = {"kind": kind, "message": message}
    if path is not None:
        p["path"] = rel(path)
        p["line"] = line or 1
        p["column"] = column or 1
    p.update(extra)
    result["problems"].append(p)


package_dir = os.path.join(root, *package.split("."))


def inside_package(filename):
    try:
        return os.path.commonpath([os.path.abspath(filename), package_dir]) == package_dir
    except Exception:
        return False


def locate_exception(exc):
    if isinstance(exc, SyntaxError) and exc.filename:
        return exc.filename, exc.lineno, exc.offset
    best = None
    first_project = None
    for fs in traceback.extract_tb(exc.__traceback__):
        if fs.filename.startswith("<"):
            continue
        if inside_package(fs.filename):
            best = (fs.filename, fs.lineno, None)
        elif first_project is None and os.path.abspath(fs.filename).startswith(root + os.sep):
            first_project = (fs.filename, fs.lineno, None)
    return best or first_project or (None, None, None)


def report_exception(kind, what, exc):
    path, line, column = locate_exception(exc)
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    problem(kind, what + ": " + text, path, line, column,
            traceback="".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-4000:])


def setup_django():
    settings = cfg.get("djangoSettings")
    if not settings:
        return True
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    try:
        import django
        django.setup()
        result["django"] = django.get_version()
        return True
    except Exception as exc:
        report_exception("import-failed", "django.setup() failed (settings " + settings + ")", exc)
        return False


def import_package():
    try:
        return importlib.import_module(package)
    except BaseException as exc:
        report_exception("import-failed", "import " + package + " failed", exc)
        return None


def star_names(modname):
    ns = {}
    exec("from " + modname + " import *", ns)
    return sorted(n for n in ns if n != "__builtins__")


def collect():
    if not setup_django():
        return
    mod = import_package()
    if mod is None:
        return
    result["names"] = sorted(dir(mod))
    path = getattr(mod, "__file__", None)
    if path and path.endswith(".py"):
        result["unresolved"] = sorted(set(check_module_names(mod, path, report=False)))
    try:
        result["starNames"] = star_names(package)
    except Exception as exc:
        report_exception("import-failed", "from " + package + " import * failed", exc)


def walk_code(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from walk_code(const)


def instructions_with_lines(code):
    current = code.co_firstlineno
    for ins in dis.get_instructions(code):
        line = getattr(ins, "line_number", None)
        column = None
        pos = getattr(ins, "positions", None)
        if line is None and pos is not None:
            line = pos.lineno
        if pos is not None and pos.col_offset is not None:
            column = pos.col_offset + 1
        if line is None:
            sl = ins.starts_line
            if sl is not None and not isinstance(sl, bool):
                current = sl
            line = current
        else:
            current = line
        yield ins, line, column


LOADS = {"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FROM_DICT_OR_GLOBALS"}
NAME_STORES = {"STORE_NAME", "DELETE_NAME"}
GLOBAL_STORES = {"STORE_GLOBAL", "DELETE_GLOBAL"}


def check_module_names(mod, path, known=frozenset(), report=True):
    """Global loads of every code object of the file that resolve nowhere; reported unless known or not report."""
    unresolved = []
    with open(path, "rb") as f:
        source = f.read()
    module_code = compile(source, path, "exec", dont_inherit=True)
    codes = list(walk_code(module_code))
    result["codeObjects"] += len(codes)
    stored_globally = set()
    local_stores = {}
    for code in codes:
        stores = set()
        for ins in dis.get_instructions(code):
            if ins.opname in GLOBAL_STORES or (code is module_code and ins.opname in NAME_STORES):
                stored_globally.add(ins.argval)
            elif ins.opname in NAME_STORES:
                stores.add(ins.argval)
        local_stores[id(code)] = stores
    namespace = vars(mod)
    seen = set()
    for code in codes:
        where = getattr(code, "co_qualname", code.co_name)
        for ins, line, column in instructions_with_lines(code):
            if ins.opname not in LOADS:
                continue
            name = ins.argval
            if name in namespace or hasattr(builtins, name) or name in stored_globally:
                continue
            if ins.opname != "LOAD_GLOBAL" and name in local_stores[id(code)]:
                continue
            key = (line, name)
            if key in seen:
                continue
            seen.add(key)
            unresolved.append(name)
            if not report or name in known:
                continue
            scope = "module level" if code is module_code else where
            problem("unresolved-name", "name '" + name + "' used in " + scope + " is not defined in " + rel(path)
                    + " (NameError when it runs)", path, line, column, name=name, scope=scope)
    return unresolved


def top_level_nodes(tree):
    todo = list(tree.body)
    while todo:
        node = todo.pop(0)
        yield node
        if isinstance(node, ast.If):
            todo[0:0] = list(node.body) + list(node.orelse)
        elif isinstance(node, ast.Try):
            todo[0:0] = list(node.body) + [n for h in node.handlers for n in h.body] + list(node.orelse) + list(node.finalbody)


def check_reexports(pkg, init_path):
    with open(init_path, "rb") as f:
        tree = ast.parse(f.read(), init_path)
    checked = set()
    for node in top_level_nodes(tree):
        if not isinstance(node, ast.ImportFrom) or node.level != 1 or not node.module:
            continue
        source = sys.modules.get(package + "." + node.module)
        if source is None:
            continue
        for alias in node.names:
            local = alias.asname or alias.name
            if alias.name == "*" or not hasattr(source, alias.name) or local not in vars(pkg):
                continue
            checked.add((local, node.module))
            if getattr(pkg, local) is not getattr(source, alias.name):
                problem("reexport-differs", package + "." + local + " is not " + package + "." + node.module + "."
                        + alias.name + ": __init__.py rebinds it after importing it (two objects)",
                        init_path, node.lineno, node.col_offset + 1, name=local)
    for name, stem in (cfg.get("reExports") or {}).items():
        if (name, stem) in checked:
            continue
        source = sys.modules.get(package + "." + stem)
        if source is None or not hasattr(source, name):
            problem("reexport-differs", package + "." + stem + " has no " + name + " to re-export",
                    init_path, 1, 1, name=name)
        elif not hasattr(pkg, name):
            problem("name-missing", package + "." + name + " is not re-exported from " + stem + ".py",
                    init_path, 1, 1, name=name)
        elif getattr(pkg, name) is not getattr(source, name):
            problem("reexport-differs", package + "." + name + " is not " + package + "." + stem + "." + name
                    + " (two objects)", init_path, 1, 1, name=name)


def definition_lines(path):
    with open(path, "rb") as f:
        tree = ast.parse(f.read(), path)
    lines = {}
    for node in top_level_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines.setdefault(node.name, (node.lineno, node.col_offset + 1))
    return lines


def check_duplicate_definitions(modules):
    defined = {}
    for mod, path in modules:
        lines = definition_lines(path)
        for name, value in list(vars(mod).items()):
            if name.startswith("__") and name.endswith("__"):
                continue
            # type(), not isinstance(): isinstance reads __class__, which evaluates lazy objects (Django's settings).
            if not issubclass(type(value), (type, types.FunctionType)):
                continue
            if getattr(value, "__module__", None) != mod.__name__ or name not in lines:
                continue
            defined.setdefault(name, []).append((mod, path, value, lines[name]))
    for name, places in defined.items():
        if len(set(id(v) for _, _, v, _ in places)) < 2:
            continue
        files = ", ".join(rel(p) for _, p, _, _ in places)
        for mod, path, value, (line, column) in places:
            problem("duplicate-definition", name + " is defined in several files (" + files
                    + "): two objects where the original had one", path, line, column, name=name)


def verify():
    if not setup_django():
        return
    pkg = import_package()
    if pkg is None:
        return
    pkg_file = getattr(pkg, "__file__", None)
    if not pkg_file or not hasattr(pkg, "__path__"):
        problem("import-failed", package + " is not a package (" + str(pkg_file) + ")")
        return
    pkg_dir = os.path.dirname(os.path.abspath(pkg_file))
    loaded_by_init = {n for n in sys.modules if n.startswith(package + ".")}
    stems = cfg.get("files")
    if stems is None:
        stems = sorted(f[:-3] for f in os.listdir(pkg_dir) if f.endswith(".py") and f != "__init__.py")
    modules = [(pkg, os.path.abspath(pkg_file))]
    for stem in stems:
        if stem == "__init__":
            continue
        name = package + "." + stem
        path = os.path.join(pkg_dir, stem + ".py")
        if name not in loaded_by_init:
            problem("not-imported", name + " is not imported by " + rel(pkg_file)
                    + ": its side effects do not run on 'import " + package + "'", pkg_file, 1, 1)
        try:
            sub = importlib.import_module(name)
        except BaseException as exc:
            report_exception("import-failed", "import " + name + " failed", exc)
            continue
        modules.append((sub, os.path.abspath(getattr(sub, "__file__", path))))
    known = frozenset(cfg.get("knownUnresolved") or [])
    for mod, path in modules:
        result["modules"].append(mod.__name__)
        try:
            check_module_names(mod, path, known)
        except SyntaxError as exc:
            report_exception("import-failed", "cannot compile " + rel(path), exc)
    check_reexports(pkg, os.path.abspath(pkg_file))
    check_duplicate_definitions(modules)
    for name in cfg.get("names") or []:
        if not hasattr(pkg, name):
            problem("name-missing", package + "." + name + " resolved before the split and does not now",
                    pkg_file, 1, 1, name=name)
    # "from pkg import *" must work even where nobody star-imports today: an __all__ naming something the
    # package does not bind raises AttributeError for the first program that does.
    try:
        now = set(star_names(package))
    except Exception as exc:
        report_exception("import-failed", "from " + package + " import * failed", exc)
        return
    before = cfg.get("starNames")
    if before is not None:
        missing = sorted(set(before) - now)
        extra = sorted(now - set(before))
        for name in missing:
            problem("star-missing", "from " + package + " import * no longer provides " + name, pkg_file, 1, 1,
                    name=name)
        if extra:
            problem("star-extra", "from " + package + " import * now also provides " + ", ".join(extra),
                    pkg_file, 1, 1, names=extra)


try:
    sys.dont_write_bytecode = True
    sys.path.insert(0, root)
    os.chdir(root)
    if cfg.get("mode") == "collect":
        collect()
    else:
        verify()
except BaseException as exc:
    result["fatal"] = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-4000:]
with open(cfg["resultPath"], "w", encoding="utf-8") as out:
    json.dump(result, out)
`;
