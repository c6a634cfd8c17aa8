/** Timing and formatting helpers shared by the benchmarks in bench/. */
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";

/** Times `count` sequential calls of `fn`; returns the samples in milliseconds. */
export async function measure(count, fn) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Nearest-rank percentile. */
export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (samples) => percentile(samples, 50);

/** Three significant digits (whole numbers from 1000 up, where toPrecision would switch to e-notation). */
export const fmt = (value) => (value >= 1000 ? String(Math.round(value)) : Math.abs(value) < 0.001 ? "0" : value.toPrecision(3));

/** `p50 / p95` of samples, in the samples' unit. */
export const p50p95 = (samples) => `${fmt(percentile(samples, 50))} / ${fmt(percentile(samples, 95))}`;

let gcFunction;
/** A full garbage collection, without needing `--expose-gc` on the command line. */
export function collectGarbage() {
  if (!gcFunction) {
    v8.setFlagsFromString("--expose-gc");
    gcFunction = vm.runInNewContext("gc");
  }
  gcFunction();
  gcFunction();
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
