#!/usr/bin/env node
// Builds dist/ (JavaScript and type declarations) from the TypeScript sources. Runs on
// `npm install` (prepare) and before the tests, so a fresh clone never sees a stale or missing dist/.
import { spawnSync } from "node:child_process";
import { lstatSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

rmSync(join(root, "dist"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json")], {
  cwd: root,
  stdio: "inherit",
});
if (result.status !== 0) {
  console.error("build: tsc failed");
  process.exit(result.status ?? 1);
}

// Scripts anywhere in the repo import "secure-exec" by name, including from the workspace
// packages (where self-reference does not reach): link the package into node_modules.
const link = join(root, "node_modules", "secure-exec");
try {
  lstatSync(link);
} catch {
  symlinkSync("..", link, "dir");
}
