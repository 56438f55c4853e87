"""Command-line interface: remember the files of a directory, then check them."""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import sys
import warnings
from pathlib import Path

from immunos import __version__

MEMORY_FILE = ".immunos-memory.json"
BLOCK_SIZE = 1 << 20


def fingerprint(path: Path) -> str:
    """Return the SHA-256 of a file, or of a symbolic link's target path."""
    if path.is_symlink():
        return "link:" + os.readlink(path)
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(BLOCK_SIZE), b""):
            digest.update(block)
    return digest.hexdigest()


def survey(root: Path) -> dict[str, str]:
    """Fingerprint every file under root, keyed by its POSIX path relative to root."""
    cells = {}
    for directory, subdirs, files in os.walk(root, followlinks=False):
        subdirs.sort()
        for name in sorted(files):
            path = Path(directory, name)
            relative = path.relative_to(root).as_posix()
            if relative != MEMORY_FILE:
                cells[relative] = fingerprint(path)
    return cells


def remember(root: Path) -> int:
    cells = survey(root)
    memory = {
        "immunos": __version__,
        "written": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cells": cells,
    }
    (root / MEMORY_FILE).write_text(json.dumps(memory, indent=1, sort_keys=True) + "\n")
    print(f"remembered {len(cells)} files in {root}/")
    return 0


def check(root: Path) -> int:
    try:
        memory = json.loads((root / MEMORY_FILE).read_text())
    except FileNotFoundError:
        print(f"immunos: no memory in {root}/; run `immunos remember {root}` first", file=sys.stderr)
        return 2
    before, now = memory["cells"], survey(root)
    anomalies = [f"changed: {p}" for p in sorted(before.keys() & now.keys()) if before[p] != now[p]]
    anomalies += [f"new: {p}" for p in sorted(now.keys() - before.keys())]
    anomalies += [f"missing: {p}" for p in sorted(before.keys() - now.keys())]
    for line in anomalies:
        print(line)
    count = len(anomalies)
    if count:
        noun = "anomaly" if count == 1 else "anomalies"
        print(f"{count} {noun} in {root}/ (memory of {memory['written']})")
        return 1
    print(f"no anomalies in {root}/ (memory of {memory['written']})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="immunos", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("remember", "record the fingerprint of every file under DIRECTORY"),
        ("check", "report the files changed, added or removed since `remember`"),
        ("scan", "deprecated alias of `check`"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    root = Path(os.path.normpath(args.directory))
    if args.command == "scan":
        warnings.warn("`immunos scan` is deprecated, use `immunos check`", DeprecationWarning, stacklevel=1)
        return check(root)
    return remember(root) if args.command == "remember" else check(root)
