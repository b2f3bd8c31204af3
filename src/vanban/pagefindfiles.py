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


def unique_name(files: dict, pattern: str, full: str, size: int) -> str:
    """``full`` cut to ``size`` characters, lengthened one at a time while ``pattern`` names a file
    already in ``files``, as Pagefind does."""
    while pattern.format(full[:size]) in files and size < len(full):
        size += 1
    return full[:size]
