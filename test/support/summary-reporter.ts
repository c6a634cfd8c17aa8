/**
 * Prints the closing line CI reads: `N passed, N failed` (skipped tests are reported apart and
 * never counted as passed). A file that fails to load counts as one failure.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      let casesInModule = 0;
      for (const test of module.children.allTests()) {
        casesInModule++;
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (casesInModule === 0 || module.state() === "failed") {
        if (!module.ok() && casesInModule === 0) failed++;
      }
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : "";
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
