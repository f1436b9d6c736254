"""The built wheel is all an installation needs: migrate and load the demo with it.

Builds the wheel, installs it with its dependencies into a fresh virtual
environment (from the package index), and runs the installed ``safeledger``
outside the repository, so nothing of the checkout is on its path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``command``; its output, or a failure showing it."""
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_an_installed_wheel_migrates_and_loads_the_demo(tmp_path):
    pip = (sys.executable, "-m", "pip")
    run(*pip, "wheel", "--no-deps", "--quiet", "-w", tmp_path / "dist", ROOT, cwd=ROOT)
    (wheel,) = (tmp_path / "dist").glob("safeledger-*.whl")
    venv = tmp_path / "venv"
    # Without pip of its own: this interpreter's pip installs into it.
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(*pip, "--python", python, "install", "--quiet", wheel, cwd=tmp_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SAFELEDGER_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["SAFELEDGER_INSTANCE_PATH"] = str(tmp_path / "instance")
    elsewhere = tmp_path  # not the checkout: only the installed package is found
    safeledger = venv / "bin" / "safeledger"
    assert "migrated 1 shard(s)" in run(safeledger, "migrate", cwd=elsewhere, env=env)
    assert "tenant(s) added" in run(safeledger, "demo", cwd=elsewhere, env=env)
    where = run(
        python,
        "-c",
        "import safeledger; print(safeledger.__file__)",
        cwd=elsewhere,
        env=env,
    )
    assert where.startswith(str(venv))
