"""The verifier reads attachment references from payloads exactly as the
platform does (its own copy of the rule travels in every bundle)."""

from __future__ import annotations

import json

import pytest

from safeledger.evidence import verifier
from safeledger.platform.evidence import attachments

A, B, C = "a" * 64, "b" * 64, "c" * 64


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"sha256": A}, {A}),
        ({"photo_digests": [A, B], "plan_digest": C}, {A, B, C}),
        ({"nested": {"evidence": [{"sha256": B}]}}, {B}),
        ({"sha256": A.upper()}, set()),
        ({"sha256": A + "\n"}, set()),
        ({"note": A, "digest": B}, set()),
        ([{"summary_digest": C}], {C}),
    ],
)
def test_both_copies_find_the_same_digests(document, expected):
    payload = json.dumps(document).encode()
    assert attachments.referenced_digests(payload) == expected
    assert verifier.referenced_digests(payload) == expected


def test_a_redaction_names_its_digest_only_under_its_topic():
    payload = json.dumps({"sha256": A, "reason": "未成年人"}).encode()
    topic = "safeledger.tenants.attachments:Attachment.Redacted"
    assert attachments.redacted_digest(topic, payload) == A
    assert (
        attachments.redacted_digest(topic.replace("Redacted", "Uploaded"), payload)
        is None
    )
