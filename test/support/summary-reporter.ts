/**
 * Prints the closing line CI reads, `N passed, N failed`, after every other reporter has
 * finished. Skipped tests are reported apart and never counted as passed; a test file that fails
 * to load, and an unhandled error, each count as one failure.
 */
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  private line = "0 passed, 1 failed";

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let cases = 0;
      for (const test of module.children.allTests()) {
        cases++;
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
      if (cases === 0 && !module.ok()) failed++;
    }
    this.line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
  }

  onFinished(): void {
    // The default reporter prints its failure details in onFinished; this line must come last.
    setImmediate(() => process.stdout.write(`\n${this.line}\n`));
  }
}
