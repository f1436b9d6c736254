"""``python -m safeledger`` is the ``safeledger`` command."""

from safeledger.platform.cli import main

main()
