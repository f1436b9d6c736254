"""Packages of the distribution: ``safeledger`` and its migrations.

The migrations stay in the top-level ``migrations/`` folder of the repository and
are installed inside the package as ``safeledger/migrations``, so an installed
wheel can run ``safeledger migrate``. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["safeledger", "safeledger.*"]),
        "safeledger.migrations",
        "safeledger.migrations.versions",
    ],
    package_dir={"safeledger.migrations": "migrations"},
)
