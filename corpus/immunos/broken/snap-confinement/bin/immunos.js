#!/usr/bin/env node
// Run the Python CLI of the same version: `python3 -m immunos ARGS...`.
"use strict";

const { spawnSync } = require("node:child_process");
const { version } = require("../package.json");

const pythons = process.platform === "win32" ? ["py", "python"] : ["python3", "python"];
const args = process.argv.slice(2);

for (const python of pythons) {
  const probe = spawnSync(python, ["-m", "immunos", "--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    continue;
  }
  if (probe.stdout.trim() !== `immunos ${version}`) {
    console.error(`immunos: ${python} has ${probe.stdout.trim()}, this wrapper is ${version}`);
  }
  const run = spawnSync(python, ["-m", "immunos", ...args], { stdio: "inherit" });
  process.exit(run.status === null ? 1 : run.status);
}

console.error(`immunos: the Python package is not installed; run: pip install immunos==${version}`);
process.exit(127);
