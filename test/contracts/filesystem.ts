/**
 * The filesystem contract suites, run once per backend (each backend's own test file adds only
 * its regressions):
 *
 * - `testFilesystem(name, { create, base })`: the full read/write suite, for writable backends.
 * - `testReadOnlyFilesystem(name, { create, base })`: reads of FIXTURE, which `create` must
 *   provide under `base`, and EROFS for every write.
 * - `testFixtureReads(name, { create, base })`: the reads alone, for a writable backend seeded
 *   with FIXTURE (checks the read suite against a backend known to be right).
 */
import { describe } from "vitest";
import { fileTests } from "./filesystem/files.js";
import { useFilesystem, type SuiteOptions } from "./filesystem/helpers.js";
import { linkTests } from "./filesystem/links.js";
import { fixtureReadTests, readOnlyTests } from "./filesystem/read-only.js";
import { syncTests } from "./filesystem/sync.js";
import { treeTests } from "./filesystem/tree.js";

export { FIXTURE, seedFixture, writeFixtureToHost } from "./filesystem/read-only.js";
export { bytes, expectCode, snapshot, text } from "./filesystem/helpers.js";
export type { Context, FilesystemUnderTest, SuiteOptions } from "./filesystem/helpers.js";

export interface WritableSuiteOptions extends SuiteOptions {
  /** Whether to run the sync API tests; they need `fs.sync`. @default true */
  sync?: boolean;
}

export function testFilesystem(name: string, options: WritableSuiteOptions): void {
  describe(`${name}: filesystem contract`, () => {
    // Each test works in a fresh directory of its own, so a base with other content still works.
    const ctx = useFilesystem(options, "contract-work");
    fileTests(ctx);
    treeTests(ctx);
    linkTests(ctx);
    if (options.sync ?? true) syncTests(ctx);
  });
}

export interface ReadOnlySuiteOptions extends SuiteOptions {
  /**
   * The expected `fs.readOnly`. A composed view with a read-only backend mounted at `base` is
   * writable elsewhere, so it says false while every write under `base` fails.
   * @default true
   */
  readOnlyFlag?: boolean;
}

export function testReadOnlyFilesystem(name: string, options: ReadOnlySuiteOptions): void {
  describe(`${name}: read-only filesystem contract`, () => {
    const ctx = useFilesystem(options, null);
    fixtureReadTests(ctx);
    readOnlyTests(ctx, options.readOnlyFlag ?? true);
  });
}

export function testFixtureReads(name: string, options: SuiteOptions): void {
  describe(`${name}: fixture reads`, () => {
    fixtureReadTests(useFilesystem(options, null));
  });
}
