/** Exit statuses of sessions ended by a limit: told apart by `limit` in results, documented in docs/node-runtime.md. */
import type { SessionLimit } from "./protocol.js";

export const LIMIT_EXIT_CODES: Readonly<Record<SessionLimit, number>> = {
  /** As Node's own fatal out-of-memory abort (SIGABRT). */
  memory: 134,
  /** 128 + SIGXCPU, the signal Unix sends a process past its CPU limit. */
  cpu: 152,
  /** 128 + SIGXFSZ, the signal for writing past a file size limit. */
  output: 153,
};
