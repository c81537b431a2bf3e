"""Run the CLI in-process, as a user would from a shell: argv in; exit code, stdout, stderr out."""
import io
import sys
from contextlib import redirect_stderr, redirect_stdout

from inclusicheck.cli import main


def run_cli(*args, stdin: bytes = b""):
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()
