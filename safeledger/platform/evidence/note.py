"""The plain-language note in every bundle, in Chinese and English."""

from __future__ import annotations

NOTE = """\
SafeLedger 证据包 / SafeLedger evidence bundle
==============================================

租户 Tenant: {tenant}
范围 Scope: {scope}
检查点 Checkpoint: 树大小 tree size {size}, 根 root {root}
签名密钥 Signing key: {key_id}

一、这个包里有什么
  events.jsonl      事件，每行一个规范 JSON（含原样存储的内容）
  leaves.jsonl      默克尔树叶子（RFC 9162），自第 {start} 片起
  checkpoint.txt    平台签名的检查点文本；checkpoint.sig 是它的 Ed25519 签名；
                    checkpoint.note 是同一检查点的 C2SP 签名笔记，附见证方的联署
  proofs/           前缀节点、到检查点的一致性证明、与早先检查点之间的一致性证明
  keys/             平台公钥历史（轮换后旧公钥仍保留）
  attachments/      事件引用的附件（文件名即 SHA-256）
  manifest.json     清单：范围、算法、每个文件的摘要；manifest.sig 为平台签名
  safeledger_verify.py  离线校验程序（只需 Python 3 与 cryptography 包）

二、如何校验（无需联网，无需我方服务器）
  pip install cryptography
  python3 safeledger_verify.py 本文件.zip --trusted-key 平台公钥.pem
  退出码 0 = 有效；1 = 无效（报告指出第一个有问题的事件或文件）；2 = 无法校验；
  3 = 内容自洽但未认证（没有给出 --trusted-key）。
  包内 keys/ 下的公钥不能作为信任依据：任何人都能生成密钥重新签名。请在包外
  取得平台公钥（向平台运营方书面索取、从 /api/v1/evidence/keys 下载并与公告
  核对，或使用此前保存的文件），用 --trusted-key 指定；若保存过早先的检查点，
  可用 --known-checkpoint 检查它与本包一致（证明记录没有被改写、删除或倒签）。
  也可以只用 openssl 校验检查点签名（解压后，platform-key.pem 为包外取得的公钥）：
    openssl pkeyutl -verify -pubin -inkey platform-key.pem -rawin \\
      -in checkpoint.txt -sigfile checkpoint.sig

1. What this bundle holds
  events.jsonl      the events, one canonical JSON line each (payload as stored)
  leaves.jsonl      the RFC 9162 Merkle leaves from leaf {start} on
  checkpoint.txt    the checkpoint the platform signed; checkpoint.sig its Ed25519
                    signature; checkpoint.note the same as a C2SP signed note
                    with the witnesses' cosignatures
  proofs/           prefix nodes, a consistency proof to the checkpoint, and
                    consistency proofs from earlier published checkpoints
  keys/             the platform's public-key history (old keys kept on rotation)
  attachments/      the attachments the events refer to (named by SHA-256)
  manifest.json     scope, algorithms and a digest per file; manifest.sig signs it
  safeledger_verify.py  the offline verifier (needs Python 3 and `cryptography`)

2. How to verify it (offline, without our servers)
  pip install cryptography
  python3 safeledger_verify.py this-file.zip --trusted-key platform-key.pem
  Exit code 0 = valid; 1 = invalid (the report names the first bad event or
  file); 2 = the bundle cannot be checked; 3 = consistent but unauthenticated
  (no --trusted-key was given).
  The keys under keys/ prove nothing on their own: anyone can make a key and
  re-sign a bundle. Obtain the platform's public key outside this bundle (in
  writing from the operator, or from /api/v1/evidence/keys checked against its
  public announcement, or a copy you kept) and pass it as --trusted-key.
  If you kept an earlier checkpoint, --known-checkpoint shows that this bundle
  extends it: nothing was altered, removed, reordered or back-dated since.
  The checkpoint signature also verifies with openssl alone (after unzipping;
  platform-key.pem is the key you obtained outside the bundle):
    openssl pkeyutl -verify -pubin -inkey platform-key.pem -rawin \\
      -in checkpoint.txt -sigfile checkpoint.sig
"""


def verification_note(
    *, tenant: str, scope: str, size: int, root: str, key_id: str, start: int
) -> str:
    """The note for one bundle."""
    return NOTE.format(
        tenant=tenant, scope=scope, size=size, root=root, key_id=key_id, start=start
    )
