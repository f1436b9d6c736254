"""RFC 9162 (RFC 6962) Merkle tree hashes, proofs and proof verification.

This file imports only the standard library because it is copied verbatim into
exported evidence bundles, where third parties run it offline with nothing else
installed. Keep it that way.

Proofs come in two forms that give identical output. The list form follows the RFC's
recursive definitions over all leaf hashes and is the reference. The subtree form
asks a ``SubtreeHashes`` callable for O(log n) complete-subtree hashes, so a store
that keeps those hashes can answer proofs for large logs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()


class ProofError(ValueError):
    """A proof, or the sizes and hashes it is checked against, does not verify."""


class SubtreeHashes(Protocol):
    """Hash of the complete subtree of 2**level leaves from leaf index * 2**level.

    Level 0 gives leaf hashes. A store that keeps every complete subtree's hash can
    implement this as one keyed read.
    """

    def __call__(self, level: int, index: int) -> bytes: ...


def leaf_hash(data: bytes) -> bytes:
    """Return SHA-256(0x00 || data), the hash of one log entry."""
    # Distinct leaf and node prefixes stop an interior node passing for a leaf.
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return SHA-256(0x01 || left || right), the hash of an interior node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


# --- List form: the RFC's definitions, over D[lo:hi] of a list of leaf hashes ---


def root_from_leaf_hashes(leaf_hashes: Sequence[bytes]) -> bytes:
    """Return MTH(D[n]) (RFC 9162 section 2.1.1) of the given leaf hashes."""
    leaves = _hashes(leaf_hashes, "leaf hash", ValueError)
    return _mth(leaves, 0, len(leaves)) if leaves else EMPTY_ROOT


def inclusion_proof(leaf_index: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """Return PATH(leaf_index, D[n]) (RFC 9162 section 2.1.3.1), lowest node first."""
    leaves = _hashes(leaf_hashes, "leaf hash", ValueError)
    _check_index(leaf_index, len(leaves), ValueError)
    return _path(leaves, leaf_index, 0, len(leaves))


def consistency_proof(old_size: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """Return PROOF(old_size, D[n]) (RFC 9162 section 2.1.4.1) for 0 < old_size <= n."""
    leaves = _hashes(leaf_hashes, "leaf hash", ValueError)
    _check_sizes(old_size, len(leaves))
    return _subproof(leaves, old_size, 0, len(leaves), True)


def _split(n: int) -> int:
    # The RFC's k: the largest power of two strictly smaller than n (n >= 2).
    return 1 << ((n - 1).bit_length() - 1)


def _mth(leaves: list[bytes], lo: int, hi: int) -> bytes:
    if hi - lo == 1:
        return leaves[lo]
    k = lo + _split(hi - lo)
    return node_hash(_mth(leaves, lo, k), _mth(leaves, k, hi))


def _path(leaves: list[bytes], m: int, lo: int, hi: int) -> list[bytes]:
    if hi - lo == 1:
        return []
    k = lo + _split(hi - lo)
    if m < k:
        return [*_path(leaves, m, lo, k), _mth(leaves, k, hi)]
    return [*_path(leaves, m, k, hi), _mth(leaves, lo, k)]


def _subproof(leaves: list[bytes], m: int, lo: int, hi: int, b: bool) -> list[bytes]:
    # m is absolute, so the RFC's "m = n" reads m == hi; m > lo always holds here.
    # b is the RFC's flag: D[lo:m] is still the whole old tree, whose root the
    # verifier already has, so it is left out.
    if m == hi:
        return [] if b else [_mth(leaves, lo, hi)]
    k = lo + _split(hi - lo)
    if m <= k:
        return [*_subproof(leaves, m, lo, k, b), _mth(leaves, k, hi)]
    return [*_subproof(leaves, m, k, hi, False), _mth(leaves, lo, k)]


# --- Subtree form: the same proofs from O(log n) complete-subtree reads ---


def root_from_subtrees(tree_size: int, subtree: SubtreeHashes) -> bytes:
    """Return the root of a tree of ``tree_size`` leaves from its complete subtrees."""
    _check_count(tree_size, "tree size", ValueError)
    return _range_root(0, tree_size, subtree) if tree_size else EMPTY_ROOT


def inclusion_proof_from_subtrees(
    leaf_index: int, tree_size: int, subtree: SubtreeHashes
) -> list[bytes]:
    """Return the same proof as ``inclusion_proof`` in O(log n) subtree reads."""
    _check_index(leaf_index, tree_size, ValueError)
    return _path_up(0, leaf_index, tree_size, subtree)


def consistency_proof_from_subtrees(
    old_size: int, new_size: int, subtree: SubtreeHashes
) -> list[bytes]:
    """Return the same proof as ``consistency_proof`` in O(log n) subtree reads."""
    _check_sizes(old_size, new_size)
    if old_size == new_size:
        return []
    level, index = _last_peak(old_size)
    path = _path_up(level, index, new_size, subtree)
    # A power-of-two old tree is one complete node whose hash the verifier already
    # holds as root1, so the RFC leaves it out; otherwise its last peak leads.
    return path if index == 0 else [_read(subtree, level, index), *path]


def _last_peak(size: int) -> tuple[int, int]:
    # The rightmost complete subtree of a tree of `size` leaves, as (level, index).
    level = (size & -size).bit_length() - 1
    return level, (size - 1) >> level


def _fork(level: int, index: int, size: int) -> tuple[int, int, int]:
    # The fork is the highest complete ancestor of node (level, index): below it all
    # siblings are complete; above it the path climbs the tree's ragged right edge.
    # Returns the fork's height above the node and the leaves [begin, end) under it.
    height = (index ^ (size >> level)).bit_length() - 1
    fork_level = level + height
    begin = (index >> height) << fork_level
    return height, begin, begin + (1 << fork_level)


def _path_up(level: int, index: int, size: int, subtree: SubtreeHashes) -> list[bytes]:
    height, begin, end = _fork(level, index, size)
    path = [_read(subtree, level + h, (index >> h) ^ 1) for h in range(height)]
    if end < size:
        path.append(_range_root(end, size, subtree))
    # The complete subtrees left of the fork, nearest (smallest) first.
    path += [_read(subtree, b, (begin >> b) - 1) for b in _set_bits(begin)]
    return path


def _path_length(level: int, index: int, size: int) -> int:
    # How many hashes _path_up returns, without reading any of them.
    height, begin, end = _fork(level, index, size)
    return height + (end < size) + len(_set_bits(begin))


def _range_root(start: int, end: int, subtree: SubtreeHashes) -> bytes:
    # MTH of D[start:end] is its complete peaks, largest first, folded from the right.
    # Callers pass a start aligned to a power of two >= end - start, which keeps
    # every peak an aligned complete subtree.
    peaks = []
    while start < end:
        level = (end - start).bit_length() - 1
        peaks.append(_read(subtree, level, start >> level))
        start += 1 << level
    root = peaks.pop()
    while peaks:
        root = node_hash(peaks.pop(), root)
    return root


def _read(subtree: SubtreeHashes, level: int, index: int) -> bytes:
    return _require_hash(subtree(level, index), f"subtree {level}/{index}", ValueError)


def _set_bits(n: int) -> list[int]:
    return [b for b in range(n.bit_length()) if n >> b & 1]


# --- Verification: RFC 9162 sections 2.1.3.2 and 2.1.4.2 ---


def root_from_inclusion_proof(
    leaf_index: int, tree_size: int, leaf_hash: bytes, proof: Sequence[bytes]
) -> bytes:
    """Return the root that ``proof`` implies for ``leaf_hash``, or raise ProofError."""
    _check_index(leaf_index, tree_size, ProofError)
    r = _require_hash(leaf_hash, "leaf hash", ProofError)
    path = _hashes(proof, "proof hash", ProofError)
    _check_length(path, _path_length(0, leaf_index, tree_size))
    # With the length exact, the RFC's sn checks (steps 4a and 5) cannot fail.
    fn, sn = leaf_index, tree_size - 1
    for p in path:
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r


def verify_inclusion(
    leaf_index: int,
    tree_size: int,
    leaf_hash: bytes,
    proof: Sequence[bytes],
    root: bytes,
) -> None:
    """Raise ProofError unless ``proof`` shows ``leaf_hash`` at ``leaf_index``."""
    expected = _require_hash(root, "root", ProofError)
    if root_from_inclusion_proof(leaf_index, tree_size, leaf_hash, proof) != expected:
        raise ProofError("inclusion proof does not lead to the given root")


def verify_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]
) -> None:
    """Raise ProofError unless ``proof`` shows tree 1 is a prefix of tree 2."""
    _check_count(size1, "size1", ProofError)
    _check_count(size2, "size2", ProofError)
    path = _hashes(proof, "proof hash", ProofError)
    if size1 > size2:
        raise ProofError(f"size1 {size1} exceeds size2 {size2}: a log never shrinks")
    if size1 == 0:
        # RFC 9162 defines PROOF(m, D[n]) only for m > 0; the vectors reject m = 0.
        raise ProofError("consistency from the empty tree (size1 = 0) is undefined")
    if size1 == size2:
        if path:
            raise ProofError(f"equal sizes need an empty proof, got {len(path)} hashes")
        # Nothing is recomputed, so the roots are compared as given; the vector
        # sizes-are-equal-one-and-proof-is-empty accepts equal 12-byte roots.
        if root1 != root2:
            raise ProofError("equal sizes but different roots")
        return
    r1 = _require_hash(root1, "root1", ProofError)
    r2 = _require_hash(root2, "root2", ProofError)
    level, index = _last_peak(size1)
    _check_length(path, (index > 0) + _path_length(level, index, size2))
    if index == 0:  # size1 is a power of two: RFC step 2.
        path = [r1, *path]
    # With the length exact, the RFC's sn checks (steps 6a and 7) cannot fail.
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if fr != r1:
        raise ProofError("consistency proof does not lead to root1")
    if sr != r2:
        raise ProofError("consistency proof does not lead to root2")


# --- Argument checks ---


def _check_count(value: object, what: str, error: type[ValueError]) -> None:
    # bool is an int subclass, but True as a tree size is always a caller's bug.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(f"{what} must be a non-negative integer, got {value!r}")


def _check_index(leaf_index: int, tree_size: int, error: type[ValueError]) -> None:
    _check_count(tree_size, "tree size", error)
    _check_count(leaf_index, "leaf index", error)
    if leaf_index >= tree_size:
        raise error(f"leaf index {leaf_index} is not in a tree of size {tree_size}")


def _check_sizes(old_size: int, new_size: int) -> None:
    _check_count(old_size, "old size", ValueError)
    _check_count(new_size, "new size", ValueError)
    if not 0 < old_size <= new_size:
        raise ValueError(f"need 0 < old size <= new size, got {old_size}, {new_size}")


def _check_length(path: list[bytes], want: int) -> None:
    # Exact length, so no trailing or missing hash can slip through.
    if len(path) != want:
        raise ProofError(f"proof has {len(path)} hashes, this tree shape needs {want}")


def _require_hash(value: object, what: str, error: type[ValueError]) -> bytes:
    if not isinstance(value, (bytes, bytearray)):
        raise error(f"{what} must be bytes, got {type(value).__name__}")
    if len(value) != HASH_SIZE:
        raise error(f"{what} must be {HASH_SIZE} bytes, got {len(value)}")
    return bytes(value)


def _hashes(items: Sequence[bytes], what: str, error: type[ValueError]) -> list[bytes]:
    # A lone bytes value is a Sequence too, but of ints: never a list of hashes.
    if not isinstance(items, Sequence) or isinstance(items, (bytes, bytearray, str)):
        raise error(f"expected a list of hashes, got {type(items).__name__}")
    return [_require_hash(h, f"{what} {i}", error) for i, h in enumerate(items)]
