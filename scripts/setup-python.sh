#!/usr/bin/env bash
# Create .venv with what the Python-oracle tests, the example project and the pre-commit install test need.
# Idempotent and quick when done.
set -euo pipefail
cd "$(dirname "$0")/.."
want="django==5.2.17 pyflakes ruff pre-commit==4.6.2"
stamp=.venv/.modsplit-requirements
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then exit 0; fi
python3 -m venv .venv
# Machines here reach only a local wheel mirror; without a live index, don't wait on retries to one.
pip_args=(--quiet --retries 0 --timeout 15)
if [ -d /opt/pypi/simple ]; then pip_args+=(--index-url file:///opt/pypi/simple); fi
# shellcheck disable=SC2086
.venv/bin/python -m pip install "${pip_args[@]}" $want
echo "$want" > "$stamp"
