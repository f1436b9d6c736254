"""Behaviour of the RFC 9162 Merkle tree: hashes, roots, proofs and their checks."""

from __future__ import annotations

import ast
import hashlib
import sys
from pathlib import Path

import pytest

from safeledger.evidence import merkle
from safeledger.evidence.merkle import (
    EMPTY_ROOT,
    ProofError,
    consistency_proof,
    consistency_proof_from_subtrees,
    inclusion_proof,
    inclusion_proof_from_subtrees,
    leaf_hash,
    node_hash,
    root_from_inclusion_proof,
    root_from_leaf_hashes,
    root_from_subtrees,
    verify_consistency,
    verify_inclusion,
)

# Reference data from transparency-dev/merkle testonly/constants.go (Apache-2.0),
# computed by that project, not by this module.
REF_LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
REF_NODES = [  # REF_NODES[level][index]: every complete subtree of the 8 leaves.
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ],
    [
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    ],
    [
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
]
REF_ROOTS = [  # REF_ROOTS[size] for sizes 0..8.
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def ref(level: int, index: int) -> bytes:
    return bytes.fromhex(REF_NODES[level][index])


def leaves(n: int) -> list[bytes]:
    return [leaf_hash(i.to_bytes(4, "big")) for i in range(n)]


def subtree_store(leaf_hashes: list[bytes]):
    """A dict of every complete subtree hash, as a database would keep them."""
    store, level, row = {}, 0, list(leaf_hashes)
    while row:
        store.update(((level, i), h) for i, h in enumerate(row))
        row = [node_hash(row[i], row[i + 1]) for i in range(0, len(row) - 1, 2)]
        level += 1
    return lambda lvl, idx: store[(lvl, idx)]


def flip(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 1]) + data[position + 1 :]


def test_leaf_node_and_empty_hashes_match_rfc6962_reference():
    assert leaf_hash(REF_LEAVES[0]) == ref(0, 0)
    assert [leaf_hash(d) for d in REF_LEAVES] == [ref(0, i) for i in range(8)]
    assert node_hash(ref(0, 0), ref(0, 1)) == ref(1, 0)
    assert bytes.fromhex(REF_ROOTS[0]) == EMPTY_ROOT


@pytest.mark.parametrize("size", range(9))
def test_root_of_known_small_trees_matches_rfc6962_reference(size):
    hashes = [leaf_hash(d) for d in REF_LEAVES[:size]]
    assert root_from_leaf_hashes(hashes) == bytes.fromhex(REF_ROOTS[size])
    assert root_from_subtrees(size, ref) == bytes.fromhex(REF_ROOTS[size])


def test_inclusion_proof_names_the_rfc6962_nodes_for_a_seven_leaf_tree():
    # Node choices from transparency-dev/merkle proof_test.go's tree of size 7.
    hashes = [leaf_hash(d) for d in REF_LEAVES[:7]]
    l_node = node_hash(ref(1, 2), ref(0, 6))
    assert inclusion_proof(0, hashes) == [ref(0, 1), ref(1, 1), l_node]
    assert inclusion_proof(4, hashes) == [ref(0, 5), ref(0, 6), ref(2, 0)]
    assert inclusion_proof(6, hashes) == [ref(1, 2), ref(2, 0)]


@pytest.mark.parametrize("size", range(1, 71))
def test_subtree_based_proofs_equal_list_based_proofs(size):
    hashes = leaves(size)
    subtree = subtree_store(hashes)
    assert root_from_subtrees(size, subtree) == root_from_leaf_hashes(hashes)
    for index in range(size):
        assert inclusion_proof_from_subtrees(index, size, subtree) == inclusion_proof(
            index, hashes
        )
    for old_size in range(1, size + 1):
        assert consistency_proof_from_subtrees(
            old_size, size, subtree
        ) == consistency_proof(old_size, hashes)


@pytest.mark.parametrize("size", range(1, 65))
def test_generated_proofs_verify_for_every_index_and_old_size(size):
    hashes = leaves(size)
    root = root_from_leaf_hashes(hashes)
    for index in range(size):
        proof = inclusion_proof(index, hashes)
        verify_inclusion(index, size, hashes[index], proof, root)
        assert root_from_inclusion_proof(index, size, hashes[index], proof) == root
    for old_size in range(1, size + 1):
        old_root = root_from_leaf_hashes(hashes[:old_size])
        proof = consistency_proof(old_size, hashes)
        verify_consistency(old_size, size, old_root, root, proof)


@pytest.mark.parametrize("size", range(1, 18))
def test_tampering_any_byte_of_an_inclusion_proof_makes_it_fail(size):
    hashes = leaves(size)
    root = root_from_leaf_hashes(hashes)
    for index in range(size):
        proof = inclusion_proof(index, hashes)
        for i, j in ((i, j) for i in range(len(proof)) for j in range(32)):
            bad = [*proof[:i], flip(proof[i], j), *proof[i + 1 :]]
            with pytest.raises(ProofError, match="does not lead"):
                verify_inclusion(index, size, hashes[index], bad, root)


@pytest.mark.parametrize("size", range(2, 18))
def test_tampering_any_byte_of_a_consistency_proof_makes_it_fail(size):
    hashes = leaves(size)
    root = root_from_leaf_hashes(hashes)
    for old_size in range(1, size):
        old_root = root_from_leaf_hashes(hashes[:old_size])
        proof = consistency_proof(old_size, hashes)
        for i, j in ((i, j) for i in range(len(proof)) for j in range(32)):
            bad = [*proof[:i], flip(proof[i], j), *proof[i + 1 :]]
            with pytest.raises(ProofError, match="does not lead"):
                verify_consistency(old_size, size, old_root, root, bad)


def test_inclusion_check_rejects_wrong_claims_and_malformed_proofs():
    hashes = leaves(11)
    leaf, root, proof = (
        hashes[5],
        root_from_leaf_hashes(hashes),
        inclusion_proof(5, hashes),
    )
    assert len(proof) == 4

    def swap(i: int, value: object) -> list:
        return [*proof[:i], value, *proof[i + 1 :]]

    cases = [
        ((11, 11, leaf, proof, root), "not in a tree of size 11"),
        ((-1, 11, leaf, proof, root), "non-negative integer"),
        ((True, 11, leaf, proof, root), "non-negative integer"),
        ((5, 6, leaf, proof, root), "4 hashes, this tree shape needs 2"),
        ((4, 11, leaf, proof, root), "does not lead"),
        ((5, 11, hashes[4], proof, root), "does not lead"),
        ((5, 11, leaf, proof, hashes[0]), "does not lead"),
        ((5, 11, leaf, [*proof, root], root), "5 hashes, this tree shape needs 4"),
        ((5, 11, leaf, proof[:-1], root), "3 hashes, this tree shape needs 4"),
        ((5, 11, leaf, swap(2, proof[2][:31]), root), "proof hash 2 must be 32"),
        ((5, 11, leaf, swap(2, proof[2] + b"\0"), root), "proof hash 2 must be 32"),
        ((5, 11, leaf, swap(2, proof[2].hex()), root), "proof hash 2 must be bytes"),
        ((5, 11, leaf, b"".join(proof), root), "list of hashes"),
        ((5, 11, leaf, None, root), "list of hashes"),
        ((5, 11, leaf[:31], proof, root), "leaf hash must be 32 bytes"),
        ((5, 11, leaf, proof, root + b"\0"), "root must be 32 bytes"),
    ]
    for args, message in cases:
        with pytest.raises(ProofError, match=message):
            verify_inclusion(*args)


def test_consistency_check_rejects_wrong_claims_and_malformed_proofs():
    hashes = leaves(11)
    r6, r11 = root_from_leaf_hashes(hashes[:6]), root_from_leaf_hashes(hashes)
    proof = consistency_proof(6, hashes)
    cases = [
        ((11, 6, r11, r6, proof), "a log never shrinks"),
        ((0, 11, EMPTY_ROOT, r11, []), "size1 = 0"),
        ((0, 0, EMPTY_ROOT, EMPTY_ROOT, []), "size1 = 0"),
        ((6, 6, r6, r6, proof), "equal sizes need an empty proof"),
        ((6, 6, r6, r11, []), "equal sizes but different roots"),
        ((6, 11, r6, r11, []), "0 hashes"),
        ((6, 11, r6, r11, [*proof, r6]), "this tree shape needs"),
        ((6, 11, r11, r6, proof), "does not lead to root1"),
        ((6, 11, r6, r6, proof), "does not lead to root2"),
        ((5, 11, r6, r11, proof), "this tree shape needs 5"),
        ((6, 11, r6[:31], r11, proof), "root1 must be 32 bytes"),
        ((6, 11, r6, b"", proof), "root2 must be 32 bytes"),
        ((6, 11.0, r6, r11, proof), "size2 must be a non-negative integer"),
    ]
    for args, message in cases:
        with pytest.raises(ProofError, match=message):
            verify_consistency(*args)
    verify_consistency(6, 6, r6, r6, [])  # Equal sizes and roots: nothing to prove.


def test_proof_error_is_a_value_error():
    assert issubclass(ProofError, ValueError)


def test_proof_generation_rejects_arguments_outside_the_tree():
    hashes = leaves(5)
    subtree = subtree_store(hashes)
    calls = [
        lambda: inclusion_proof(5, hashes),
        lambda: inclusion_proof(0, []),
        lambda: inclusion_proof_from_subtrees(-1, 5, subtree),
        lambda: consistency_proof(0, hashes),
        lambda: consistency_proof(6, hashes),
        lambda: consistency_proof_from_subtrees(3, 2, subtree),
        lambda: root_from_subtrees(-1, subtree),
        lambda: root_from_leaf_hashes([b"not a 32-byte hash"]),
        lambda: root_from_subtrees(5, lambda level, index: b"short"),
    ]
    for call in calls:
        with pytest.raises(ValueError):
            call()
    assert consistency_proof(5, hashes) == []
    assert root_from_leaf_hashes([]) == EMPTY_ROOT == root_from_subtrees(0, subtree)


@pytest.mark.parametrize("size", [2**20, 2**20 + 1, 1_000_003, 2**40 - 1])
def test_subtree_based_proofs_read_only_logarithmically_many_subtrees(size):
    reads = []

    def subtree(level: int, index: int) -> bytes:
        assert (index + 1) << level <= size, "read a subtree outside the tree"
        reads.append((level, index))
        return hashlib.sha256(f"{level}/{index}".encode()).digest()

    limit = 2 * size.bit_length()
    for run in (
        lambda: root_from_subtrees(size, subtree),
        lambda: inclusion_proof_from_subtrees(size // 3, size, subtree),
        lambda: inclusion_proof_from_subtrees(size - 1, size, subtree),
        lambda: consistency_proof_from_subtrees(size // 2 + 1, size, subtree),
        lambda: consistency_proof_from_subtrees(size - 1, size, subtree),
    ):
        reads.clear()
        run()
        assert 0 < len(reads) <= limit


def test_merkle_module_imports_only_the_standard_library():
    # The module ships inside evidence bundles that third parties run offline.
    tree = ast.parse(Path(merkle.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative imports pull in other modules"
            imported.add(node.module.split(".")[0])
    assert imported <= sys.stdlib_module_names, imported - sys.stdlib_module_names
