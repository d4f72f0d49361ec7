// The two file names a plan may use besides new submodules. Constants only (resolve-plan.ts re-exports them).

/** The package's `__init__.py`: keeps what a plan puts there, and imports every submodule. */
export const INIT_FILE = '__init__.py';
/** `__main__.py`: the module's `if __name__ == "__main__":` block, for `python -m`. */
export const MAIN_FILE = '__main__.py';
