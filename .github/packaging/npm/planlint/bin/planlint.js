#!/usr/bin/env node
// `npx planlint …`: run the planlint binary that npm installed for this machine. The binary comes
// in a package per platform (`@planlint/linux-x64`, …), an optional dependency of this one that
// npm installs only where its `os` and `cpu` match: nothing is downloaded at install time.
"use strict";

const { spawnSync } = require("node:child_process");
const path = require("node:path");

const PLATFORMS = {
  "linux-x64": "@planlint/linux-x64",
  "linux-arm64": "@planlint/linux-arm64",
  "darwin-x64": "@planlint/darwin-x64",
  "darwin-arm64": "@planlint/darwin-arm64",
  "win32-x64": "@planlint/win32-x64",
};

function binaryPath() {
  if (process.env.PLANLINT_BINARY) {
    return process.env.PLANLINT_BINARY;
  }
  const key = `${process.platform}-${process.arch}`;
  const pkg = PLATFORMS[key];
  if (!pkg) {
    fail(`planlint has no prebuilt binary for ${key}; install it with \`cargo install planlint\`.`);
  }
  const exe = process.platform === "win32" ? "planlint.exe" : "planlint";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    fail(
      `the package ${pkg} (planlint's binary for ${key}) is not installed. npm leaves out ` +
        "optional dependencies when run with --no-optional or --omit=optional; install again " +
        "without it."
    );
  }
}

function fail(message) {
  process.stderr.write(`planlint: ${message}\n`);
  process.exit(2);
}

const result = spawnSync(binaryPath(), process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  fail(`could not run ${path.basename(binaryPath())}: ${result.error.message}`);
}
// A signal ends the process the same way it ended the binary.
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 2);
