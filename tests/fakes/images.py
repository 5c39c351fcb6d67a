"""Bytes that are (by their first bytes) an image of each accepted type, and an HTML page that says
it is a photo."""

from __future__ import annotations

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 a small photo"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR a small photo"
GIF = b"GIF89a a small photo"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 a small photo"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def jpeg(tag: str) -> bytes:
    """A distinct JPEG (by its bytes) per tag."""
    return JPEG + tag.encode()
