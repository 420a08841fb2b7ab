#!/usr/bin/env python3
"""Write the pre-commit mirror of planlint: a tiny repository whose hook has `language: python`
and installs the `planlint` wheel from PyPI — no Rust toolchain, a few seconds (the
ruff-pre-commit pattern). The release workflow pushes it, tagged with the version, to the
`planlint-pre-commit` repository; the version comes from the Cargo manifest.

    .github/packaging/pre-commit/generate.py OUT
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    ws = open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8").read()
    section = ws.split("[workspace.package]", 1)[1].split("\n[", 1)[0]
    version = re.search(r'^version = "(.*)"$', section, re.M).group(1)
    repository = re.search(r'^repository = "(.*)"$', section, re.M).group(1)
    os.makedirs(out, exist_ok=True)
    for name in ("hooks.yaml", "pyproject.toml", "README.md"):
        text = open(os.path.join(HERE, "mirror", name), encoding="utf-8").read()
        text = text.replace("@VERSION@", version).replace("@REPOSITORY@", repository)
        dest = ".pre-commit-hooks.yaml" if name == "hooks.yaml" else name
        with open(os.path.join(out, dest), "w", encoding="utf-8") as f:
            f.write(text)
    print(out)


if __name__ == "__main__":
    main()
