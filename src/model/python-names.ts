// Python's reserved and predefined names, in one place: keywords (3.8-3.13), soft keywords, the names a module
// resolves without binding them (builtins and module attributes), and what counts as an identifier. Data only.

/** `keyword.kwlist`: names that can never be identifiers. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for ' +
    'from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/** `keyword.softkwlist` (3.12): keywords only in some positions (`match`, `case`, `type`, `_`). */
export const PYTHON_SOFT_KEYWORDS: ReadonlySet<string> = new Set(['_', 'case', 'match', 'type']);

/**
 * `dir(builtins)` of CPython 3.8-3.13, the module attributes (`__file__`, `__path__`, ...), `__class__` and
 * `WindowsError`: a name Python resolves without a binding in the module. A superset on purpose (a 3.13-only name
 * passes on 3.8): static checks must not cry wolf; Python is the exact oracle.
 */
export const PYTHON_BUILTINS: ReadonlySet<string> = new Set(
  `
ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning
EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError
FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError
IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None
NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning
PermissionError ProcessLookupError PythonFinalizationError RecursionError ReferenceError ResourceWarning
RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError
SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError
UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning WindowsError
ZeroDivisionError _IncompleteInputError __annotations__ __build_class__ __builtins__ __cached__ __class__
__debug__ __doc__ __file__ __import__ __loader__ __name__ __package__ __path__ __spec__ abs aiter all anext
any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits
delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash
help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object
oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum
super tuple type vars zip
`
    .trim()
    .split(/\s+/),
);

/** PEP 3131 identifier (approximated with Unicode ID_Start / ID_Continue); keywords included. */
const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

/** Whether `name` is a Python identifier that is not a keyword: `GitHub`, `_x1`; not `class`, `1x`, `a-b`. */
export function isPythonIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}
