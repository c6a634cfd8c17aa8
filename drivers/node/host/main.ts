/**
 * The V8 host process: started by the application (`createV8Runtime`) with `--no-node-snapshot`,
 * it runs sandbox sessions in isolated-vm isolates and talks to the application over Node's IPC
 * channel (structured clone). A crash here fails only the sessions it was running.
 */
import { fileURLToPath } from "node:url";
import type { BridgeReply, HostEvent, HostRequest } from "../protocol.js";
import { IsolatePool } from "./isolate-pool.js";
import { Session } from "./session.js";

const send = (event: HostEvent): void => {
  process.send?.(event);
};

const pool = new IsolatePool(fileURLToPath(new URL("../isolate-runtime.js", import.meta.url)));
const sessions = new Map<number, Session>();
const pendingCalls = new Map<number, (reply: BridgeReply) => void>();
let nextCallId = 1;

process.on("message", (message: HostRequest) => {
  switch (message.type) {
    case "start": {
      const { sessionId, spec } = message;
      const session = new Session(spec, pool, {
        call: (op, args) =>
          new Promise<BridgeReply>((resolve) => {
            const callId = nextCallId++;
            pendingCalls.set(callId, resolve);
            send({ type: "call", sessionId, callId, op, args });
          }),
        output: (chunks) => send({ type: "output", sessionId, chunks }),
        ended: (result) => {
          sessions.delete(sessionId);
          send({ type: "end", sessionId, result });
        },
      });
      sessions.set(sessionId, session);
      void session.run();
      break;
    }
    case "kill":
      sessions.get(message.sessionId)?.kill();
      break;
    case "reply": {
      const resolve = pendingCalls.get(message.callId);
      pendingCalls.delete(message.callId);
      resolve?.(message.reply);
      break;
    }
  }
});

// The application went away: nothing here is worth keeping.
process.on("disconnect", () => {
  pool.dispose();
  process.exit(0);
});

send({ type: "ready" });
