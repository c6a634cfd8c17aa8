/**
 * Kernel exec benchmark (issue 2).
 *
 * Measures the latency of `kernel.exec` on one kernel (created once, warmed up first) for
 *   1. `echo hi`
 *   2. a three-stage pipeline: printf 'a\nb\nc\n' | cat | wc -l
 * against the same command lines run on the host with child_process.spawn("sh", ["-c", ...])
 * in the same process, plus the cold cost of `createKernel()` + its first exec (fresh kernels,
 * each disposed). Outputs are checked once; a wrong output exits with status 1.
 *
 * Prints a Markdown table (iterations, p50, p95 in ms, host p50 / kernel p50) to stdout.
 *
 * Run: node scripts/build.mjs && npm run bench [-- --iterations N]
 *   --iterations N   kernel iterations per case (default 500); host spawns use N / 5,
 *                    cold kernels N / 25 (at least 5 each).
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createKernel } from "../dist/index.js";

const argIndex = process.argv.indexOf("--iterations");
const iterations = argIndex > 0 ? Number.parseInt(process.argv[argIndex + 1], 10) : 500;
if (!Number.isInteger(iterations) || iterations < 1) {
  console.error("usage: node bench/kernel-exec.mjs [--iterations N]  (N a positive integer)");
  process.exit(2);
}
const hostIterations = Math.max(5, Math.round(iterations / 5));
const coldIterations = Math.max(5, Math.round(iterations / 25));
const warmup = Math.max(10, Math.round(iterations / 10));

const CASES = [
  { name: "`echo hi`", line: "echo hi", expected: "hi\n" },
  { name: "`printf 'a\\nb\\nc\\n' \\| cat \\| wc -l`", line: "printf 'a\\nb\\nc\\n' | cat | wc -l", expected: "3\n" },
];

/** Runs a command line with the host's /bin/sh; resolves to its stdout once the child closes. */
function hostExec(line) {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", line], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`sh -c ${line}: exit ${code}`))));
  });
}

async function kernelExec(kernel, line) {
  const result = await kernel.exec(line);
  if (result.exitCode !== 0) throw new Error(`kernel.exec(${line}): exit ${result.exitCode}: ${result.stderr}`);
  return result.stdout;
}

/** Times `count` sequential calls of `fn`; returns the samples in milliseconds. */
async function measure(count, fn) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Three significant digits (whole numbers from 1000 up, where toPrecision would switch to e-notation). */
const fmt = (value) => (value >= 1000 ? String(Math.round(value)) : value.toPrecision(3));

function check(label, actual, expected) {
  if (actual !== expected) {
    console.error(`wrong output for ${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    process.exitCode = 1;
    return false;
  }
  return true;
}

async function main() {
  const kernel = createKernel();
  const rows = [];
  try {
    // Correctness, once per case and side.
    let ok = true;
    for (const c of CASES) {
      ok = check(`kernel ${c.line}`, await kernelExec(kernel, c.line), c.expected) && ok;
      ok = check(`host ${c.line}`, await hostExec(c.line), c.expected) && ok;
    }
    if (!ok) return;

    // Warm-up (JIT, module caches), then the measured runs.
    for (const c of CASES) {
      await measure(warmup, () => kernelExec(kernel, c.line));
      await measure(Math.max(3, Math.round(warmup / 5)), () => hostExec(c.line));
    }
    for (const c of CASES) {
      const kernelSamples = await measure(iterations, () => kernelExec(kernel, c.line));
      const hostSamples = await measure(hostIterations, () => hostExec(c.line));
      rows.push({ name: c.name, kernelSamples, hostSamples });
    }
  } finally {
    await kernel.dispose();
  }

  const coldSamples = await measure(coldIterations, async () => {
    const fresh = createKernel();
    try {
      await kernelExec(fresh, "echo hi");
    } finally {
      await fresh.dispose();
    }
  });

  const out = [];
  out.push(`Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores`);
  out.push("");
  out.push("| case | kernel iterations | kernel p50 (ms) | kernel p95 (ms) | host iterations | host p50 (ms) | host p95 (ms) | host p50 / kernel p50 |");
  out.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const { name, kernelSamples, hostSamples } of rows) {
    const k50 = percentile(kernelSamples, 50);
    const h50 = percentile(hostSamples, 50);
    out.push(
      `| ${name} | ${kernelSamples.length} | ${fmt(k50)} | ${fmt(percentile(kernelSamples, 95))} | ` +
        `${hostSamples.length} | ${fmt(h50)} | ${fmt(percentile(hostSamples, 95))} | ${fmt(h50 / k50)}x faster |`,
    );
  }
  out.push(
    `| kernel creation + first exec (cold, \`echo hi\`) | ${coldSamples.length} | ${fmt(percentile(coldSamples, 50))} | ` +
      `${fmt(percentile(coldSamples, 95))} | – | – | – | – |`,
  );
  console.log(out.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
