"""Pagefind's files: ``.pf_*`` files are gzipped, ``pagefind_dcd`` + CBOR (a fragment: + JSON),
and named by the SHA-1 of what they hold, cut short."""

from __future__ import annotations

import gzip
import hashlib

import cbor2

SIGNATURE = b"pagefind_dcd"


def read_file(gzipped: bytes, raw: bool = False):
    """What a ``.pf_*`` file holds: decoded CBOR, or with ``raw`` the bytes after the signature."""
    data = gzip.decompress(gzipped)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    return data[len(SIGNATURE):] if raw else cbor2.loads(data[len(SIGNATURE):])


def gzip_file(cbor: bytes) -> bytes:
    return gzip.compress(SIGNATURE + cbor, mtime=0)


def sha1_hex(data: bytes) -> str:
    return "".join(f"{b:x}" for b in hashlib.sha1(data).digest())  # sic: Pagefind's, unpadded


def store(files: dict, pattern: str, language: str, cbor: bytes, digits: int = 7) -> str:
    """Put ``cbor`` gzipped into ``files`` at ``pattern`` (such as "index/{}.pf_index") named as
    Pagefind names it: the language and the SHA-1 cut to ``digits`` (the meta file: the
    language's length + 8), lengthened one digit at a time while it names a file already there.
    Returns the name."""
    full = f"{language}_{sha1_hex(cbor)}"
    size = len(language) + 1 + digits
    while pattern.format(full[:size]) in files and size < len(full):
        size += 1
    files[pattern.format(full[:size])] = gzip_file(cbor)
    return full[:size]
