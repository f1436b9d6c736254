"""The offline verifier's own copy of the proof checks agrees with every vector."""

from __future__ import annotations

import pytest

from safeledger.evidence import verifier
from tests.unit.evidence.test_merkle_vectors import _cases, _hash, _load, _proof


def _check(case: dict, verify) -> None:
    if case["wantErr"]:
        with pytest.raises(verifier.ProofError):
            verify()
    else:
        verify()


@pytest.mark.parametrize("path", _cases("inclusion"))
def test_the_verifier_judges_each_inclusion_vector_as_expected(path):
    case = _load(path)

    def verify():
        root = verifier.root_from_inclusion_proof(
            case["leafIdx"], case["treeSize"], _hash(case["leafHash"]), _proof(case)
        )
        if len(_hash(case["leafHash"])) != 32 or root != _hash(case["root"]):
            raise verifier.ProofError("does not lead to the root")

    _check(case, verify)


@pytest.mark.parametrize("path", _cases("consistency"))
def test_the_verifier_judges_each_consistency_vector_as_expected(path):
    case = _load(path)
    _check(
        case,
        lambda: verifier.verify_consistency(
            case["size1"],
            case["size2"],
            _hash(case["root1"]),
            _hash(case["root2"]),
            _proof(case),
        ),
    )
