"""The verifiers agree with every RFC 6962 proof vector from transparency-dev/merkle.

The vectors live outside the repository, at ../shared/vectors/rfc6962 from the repo
root, or wherever SAFELEDGER_VECTORS points. Without them the tests skip locally and
fail under CI, so a CI run can never pass by silently checking nothing.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from safeledger.evidence.merkle import ProofError, verify_consistency, verify_inclusion

REPO_ROOT = Path(__file__).resolve().parents[3]
VECTORS = Path(
    os.environ.get("SAFELEDGER_VECTORS")
    or REPO_ROOT.parent / "shared" / "vectors" / "rfc6962"
)


def _cases(kind: str) -> list:
    folder = VECTORS / kind
    files = sorted(folder.rglob("*.json")) if folder.is_dir() else []
    if not files:
        return [pytest.param(None, id=f"{kind}-vectors-missing")]
    return [pytest.param(f, id=f.relative_to(VECTORS).as_posix()) for f in files]


def _load(path: Path | None) -> dict:
    if path is None:
        message = f"no RFC 6962 vectors under {VECTORS}; set SAFELEDGER_VECTORS"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return json.loads(path.read_text(encoding="utf-8"))


def _hash(value: str | None) -> bytes:
    # The vectors write absent hashes as null or "", both meaning no bytes.
    return base64.b64decode(value or "", validate=True)


def _proof(case: dict) -> list[bytes]:
    return [_hash(h) for h in case["proof"] or []]


def _check(case: dict, verify) -> None:
    assert isinstance(case["wantErr"], bool)
    if case["wantErr"]:
        # Only ProofError counts as a rejection: any other exception is a crash.
        with pytest.raises(ProofError):
            verify()
    else:
        verify()


@pytest.mark.parametrize("path", _cases("inclusion"))
def test_inclusion_vector_is_accepted_or_rejected_as_the_vector_expects(path):
    case = _load(path)
    _check(
        case,
        lambda: verify_inclusion(
            case["leafIdx"],
            case["treeSize"],
            _hash(case["leafHash"]),
            _proof(case),
            _hash(case["root"]),
        ),
    )


@pytest.mark.parametrize("path", _cases("consistency"))
def test_consistency_vector_is_accepted_or_rejected_as_the_vector_expects(path):
    case = _load(path)
    _check(
        case,
        lambda: verify_consistency(
            case["size1"],
            case["size2"],
            _hash(case["root1"]),
            _hash(case["root2"]),
            _proof(case),
        ),
    )
