/** Removes the stand-ins stream-prelude.ts installed while readable-stream loaded. */
import { installed } from "./stream-prelude.js";

for (const name of installed.splice(0)) delete (globalThis as unknown as Record<string, unknown>)[name];
