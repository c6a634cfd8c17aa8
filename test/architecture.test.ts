/**
 * Keeps the layering mechanical: syscalls/ imports nothing of ours, drivers/ and plugins/ see the
 * kernel only through syscalls/ (the contract), fs/ never reaches into kernel/.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function sources(folder: string): string[] {
  const dir = join(root, folder);
  try {
    statSync(dir);
  } catch {
    return [];
  }
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file));
}

function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers.filter((s) => s.startsWith(".")).map((s) => relative(root, resolve(dirname(file), s)));
}

const RULES: Record<string, { allowed: string[] }> = {
  syscalls: { allowed: ["syscalls"] },
  fs: { allowed: ["syscalls", "fs"] },
  drivers: { allowed: ["syscalls", "fs", "drivers"] },
  plugins: { allowed: ["syscalls", "plugins"] },
};

it("each layer imports only what it may", () => {
  const violations: string[] = [];
  for (const [folder, rule] of Object.entries(RULES)) {
    for (const file of sources(folder)) {
      for (const target of localImports(file)) {
        const top = target.split("/")[0]!;
        if (!rule.allowed.includes(top)) violations.push(`${relative(root, file)} imports ${target}`);
      }
    }
  }
  expect(violations).toEqual([]);
  // The rule is live: the scan finds the files it checks.
  expect(sources("syscalls").length).toBeGreaterThan(3);
});
