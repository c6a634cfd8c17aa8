/**
 * `stream`, `stream/promises`: Node's own stream implementation (the readable-stream package), with
 * its bridges to web streams; `stream/web`: the web stream classes (globals/web-streams.ts).
 */
import "./stream-prelude.js";
import * as streams from "readable-stream";
import "./stream-postlude.js";
import processShim from "process/";
import { webStreams } from "../globals/web-streams.js";
import { installWebAdapters, type StreamClasses } from "./stream-web.js";
import type { BuiltinContext } from "./index.js";

type StreamModule = Record<string, unknown> & { promises: unknown };
let stream: StreamModule | undefined;

/** The streams' process shim defers with timers: its nextTick becomes the sandbox's, as in Node. */
function bindProcess(global: Record<string, unknown>): void {
  const process = global.process as { nextTick(fn: (...args: unknown[]) => void, ...args: unknown[]): void; env: unknown };
  const shim = processShim as unknown as Record<string, unknown>;
  shim.nextTick = (fn: (...args: unknown[]) => void, ...args: unknown[]) => process.nextTick(fn, ...args);
  shim.env = process.env;
}

export function createStream({ global }: BuiltinContext): StreamModule {
  if (stream) return stream;
  bindProcess(global);
  const rs = streams as unknown as Record<string, unknown> & { Stream: Record<string, unknown>; default?: Record<string, unknown> };
  const source = (rs.Readable ? rs : rs.default!) as Record<string, unknown> & { Stream: Record<string, unknown> };
  const Stream = source.Stream as StreamModule;
  for (const name of ["Readable", "Writable", "Duplex", "Transform", "PassThrough", "pipeline", "finished", "compose", "addAbortSignal", "destroy", "isDisturbed", "isErrored", "isReadable", "_isUint8Array", "_uint8ArrayToBuffer"]) {
    if (source[name] !== undefined && !(name in Stream)) Stream[name] = source[name];
  }
  Stream.Stream = Stream;
  installWebAdapters(Stream as unknown as StreamClasses);
  const promises = (Stream.Readable as { promises?: unknown }).promises ?? (source as { promises?: unknown }).promises;
  Object.defineProperty(Stream, "promises", { value: promises, enumerable: true, configurable: true, writable: true });
  stream = Stream;
  return Stream;
}

export function createStreamPromises(context: BuiltinContext): unknown {
  return createStream(context).promises;
}

export function createStreamWeb(): Record<string, unknown> {
  return { ...webStreams };
}
