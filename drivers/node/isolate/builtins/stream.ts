/** `stream`, `stream/promises`, `stream/web`: Node's own stream implementation (the readable-stream package). */
import "./stream-prelude.js";
import * as streams from "readable-stream";
import "./stream-postlude.js";
import processShim from "process/";
import { codedError } from "../errors.js";
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
  const promises = (Stream.Readable as { promises?: unknown }).promises ?? (source as { promises?: unknown }).promises;
  Object.defineProperty(Stream, "promises", { value: promises, enumerable: true, configurable: true, writable: true });
  stream = Stream;
  return Stream;
}

export function createStreamPromises(context: BuiltinContext): unknown {
  return createStream(context).promises;
}

export function createStreamWeb({ global }: BuiltinContext): Record<string, unknown> {
  if (typeof global.ReadableStream !== "function") {
    throw codedError("ERR_NOT_SUPPORTED_IN_SANDBOX", "The 'stream/web' module (web streams) is not supported in the sandbox");
  }
  const names = [
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest", "ReadableByteStreamController",
    "ReadableStreamDefaultController", "TransformStream", "TransformStreamDefaultController", "WritableStream", "WritableStreamDefaultWriter",
    "WritableStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy", "TextEncoderStream", "TextDecoderStream",
    "CompressionStream", "DecompressionStream",
  ];
  const web: Record<string, unknown> = {};
  for (const name of names) if (global[name] !== undefined) web[name] = global[name];
  return web;
}
