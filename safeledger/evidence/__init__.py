"""Evidence: tamper-evident proof that the ledger's records are complete and unaltered.

``merkle`` holds the RFC 9162 Merkle tree primitives. It must import only the
standard library, since it is copied into exported evidence bundles that third
parties verify offline; this package therefore re-exports nothing from it.
"""
