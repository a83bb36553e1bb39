"""Text out of files: bytes decoded (decoding), formats read (formats, extract), text cut into chunks that know their
lines and pages (chunking)."""
