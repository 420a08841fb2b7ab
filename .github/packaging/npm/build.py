#!/usr/bin/env python3
"""Write planlint's npm packages: the `planlint` package (the launcher) and the package of one
platform holding its binary. Version, description, license and repository come from the Cargo
manifests, the one place they are written.

    .github/packaging/npm/build.py OUT                        # the launcher package only
    .github/packaging/npm/build.py OUT --target T --binary B  # and the package of target T

Each package is a folder under OUT, ready for `npm pack` or `npm publish`.
"""
import argparse
import json
import os
import re
import shutil
import stat
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

# Rust target -> (npm package, os, cpu). Linux binaries are static (musl): one per CPU serves
# glibc and musl systems alike.
TARGETS = {
    "x86_64-unknown-linux-musl": ("@planlint/linux-x64", "linux", "x64"),
    "aarch64-unknown-linux-musl": ("@planlint/linux-arm64", "linux", "arm64"),
    "x86_64-apple-darwin": ("@planlint/darwin-x64", "darwin", "x64"),
    "aarch64-apple-darwin": ("@planlint/darwin-arm64", "darwin", "arm64"),
    "x86_64-pc-windows-msvc": ("@planlint/win32-x64", "win32", "x64"),
}


def workspace():
    """Version, license, repository and description from the manifests."""
    ws = open(os.path.join(ROOT, "Cargo.toml"), encoding="utf-8").read()
    crate = open(os.path.join(ROOT, "crates/planlint/Cargo.toml"), encoding="utf-8").read()
    section = ws.split("[workspace.package]", 1)[1].split("\n[", 1)[0]

    def field(text, name):
        m = re.search(rf'^{name} = "(.*)"$', text, re.M)
        if not m:
            sys.exit(f"build.py: no `{name}` in the manifest")
        return m.group(1)

    return {
        "version": field(section, "version"),
        "license": field(section, "license"),
        "repository": field(section, "repository"),
        "description": field(crate, "description"),
    }


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def launcher(out, meta):
    dest = os.path.join(out, "planlint")
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "planlint"), dest)
    for name in ("LICENSE-MIT", "LICENSE-APACHE"):
        shutil.copy(os.path.join(ROOT, name), dest)
    write_json(
        os.path.join(dest, "package.json"),
        {
            "name": "planlint",
            "version": meta["version"],
            "description": meta["description"],
            "license": meta["license"],
            "repository": {"type": "git", "url": f"git+{meta['repository']}.git"},
            "homepage": meta["repository"],
            "keywords": ["execplan", "lint", "markdown", "plans", "agents"],
            "bin": {"planlint": "bin/planlint.js"},
            "files": ["bin/planlint.js", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
            "engines": {"node": ">=16"},
            "optionalDependencies": {pkg: meta["version"] for pkg, _, _ in TARGETS.values()},
        },
    )
    return dest


def platform(out, meta, target, binary):
    if target not in TARGETS:
        sys.exit(f"build.py: unknown target {target}; known: {', '.join(TARGETS)}")
    pkg, os_name, cpu = TARGETS[target]
    dest = os.path.join(out, pkg.split("/")[1])
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(os.path.join(dest, "bin"))
    exe = "planlint.exe" if os_name == "win32" else "planlint"
    shutil.copy(binary, os.path.join(dest, "bin", exe))
    mode = os.stat(os.path.join(dest, "bin", exe)).st_mode
    os.chmod(os.path.join(dest, "bin", exe), mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    for name in ("LICENSE-MIT", "LICENSE-APACHE"):
        shutil.copy(os.path.join(ROOT, name), dest)
    with open(os.path.join(dest, "README.md"), "w", encoding="utf-8") as f:
        f.write(f"# {pkg}\n\nThe planlint binary for {os_name} {cpu}; install `planlint` instead.\n")
    write_json(
        os.path.join(dest, "package.json"),
        {
            "name": pkg,
            "version": meta["version"],
            "description": f"The planlint binary for {os_name} {cpu}",
            "license": meta["license"],
            "repository": {"type": "git", "url": f"git+{meta['repository']}.git"},
            "os": [os_name],
            "cpu": [cpu],
            "files": [f"bin/{exe}", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
            "preferUnplugged": True,
        },
    )
    return dest


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--target")
    ap.add_argument("--binary")
    args = ap.parse_args()
    if bool(args.target) != bool(args.binary):
        ap.error("--target and --binary go together")
    meta = workspace()
    os.makedirs(args.out, exist_ok=True)
    print(launcher(args.out, meta))
    if args.target:
        print(platform(args.out, meta, args.target, args.binary))


if __name__ == "__main__":
    main()
