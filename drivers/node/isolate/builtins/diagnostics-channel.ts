/**
 * `diagnostics_channel`: named channels with subscribers, as Node's (publish is synchronous),
 * plus `tracingChannel`. Nothing of the host is observable through it: channels are per session.
 */
type Subscriber = (message: unknown, name: string | symbol) => void;

class Channel {
  private readonly subscribers = new Set<Subscriber>();
  constructor(readonly name: string | symbol) {}

  get hasSubscribers(): boolean {
    return this.subscribers.size > 0;
  }

  subscribe(subscriber: Subscriber): void {
    if (typeof subscriber !== "function") throw Object.assign(new TypeError(`The "subscription" argument must be of type function. Received ${typeof subscriber}`), { code: "ERR_INVALID_ARG_TYPE" });
    this.subscribers.add(subscriber);
  }

  unsubscribe(subscriber: Subscriber): boolean {
    return this.subscribers.delete(subscriber);
  }

  publish(message: unknown): void {
    for (const subscriber of [...this.subscribers]) {
      try {
        subscriber(message, this.name);
      } catch (error) {
        // As Node: a throwing subscriber does not stop the publisher; the error surfaces later.
        Promise.reject(error);
      }
    }
  }

  bindStore(): void {}
  unbindStore(): boolean {
    return false;
  }

  runStores<T>(message: unknown, fn: (...args: unknown[]) => T, thisArg?: unknown, ...args: unknown[]): T {
    this.publish(message);
    return fn.apply(thisArg, args);
  }
}

export function createDiagnosticsChannel(): Record<string, unknown> {
  const channels = new Map<string | symbol, Channel>();
  const channel = (name: string | symbol): Channel => {
    let found = channels.get(name);
    if (!found) channels.set(name, (found = new Channel(name)));
    return found;
  };
  const tracingChannel = (name: string | Record<string, Channel>) => {
    const events = ["start", "end", "asyncStart", "asyncEnd", "error"] as const;
    const parts = Object.fromEntries(events.map((event) => [event, typeof name === "string" ? channel(`tracing:${name}:${event}`) : name[event]!])) as Record<(typeof events)[number], Channel>;
    /** start, then `run`; error if it throws; end in any case (the synchronous part of a trace). */
    const traced = <T>(context: Record<string, unknown>, run: () => T): T => {
      parts.start.publish(context);
      try {
        return run();
      } catch (error) {
        context.error = error;
        parts.error.publish(context);
        throw error;
      } finally {
        parts.end.publish(context);
      }
    };
    return {
      ...parts,
      get hasSubscribers() {
        return events.some((event) => parts[event].hasSubscribers);
      },
      subscribe(handlers: Partial<Record<(typeof events)[number], Subscriber>>) {
        for (const event of events) if (handlers[event]) parts[event].subscribe(handlers[event]!);
      },
      unsubscribe(handlers: Partial<Record<(typeof events)[number], Subscriber>>) {
        let all = true;
        for (const event of events) if (handlers[event]) all = parts[event].unsubscribe(handlers[event]!) && all;
        return all;
      },
      traceSync<T>(fn: (...args: unknown[]) => T, context: Record<string, unknown> = {}, thisArg?: unknown, ...args: unknown[]): T {
        return traced(context, () => {
          const result = fn.apply(thisArg, args);
          context.result = result;
          return result;
        });
      },
      /**
       * As Node: start and end around the synchronous part (end once fn has returned its promise),
       * asyncStart and asyncEnd when the promise settles, error when fn throws or the promise rejects.
       */
      tracePromise<T>(fn: (...args: unknown[]) => Promise<T>, context: Record<string, unknown> = {}, thisArg?: unknown, ...args: unknown[]): Promise<T> {
        const settled = () => {
          parts.asyncStart.publish(context);
          parts.asyncEnd.publish(context);
        };
        return traced(context, () => {
          const returned = fn.apply(thisArg, args);
          const promise = returned instanceof Promise ? returned : Promise.resolve(returned);
          return promise.then(
            (result) => {
              context.result = result;
              settled();
              return result;
            },
            (error: unknown) => {
              context.error = error;
              parts.error.publish(context);
              settled();
              return Promise.reject(error);
            },
          );
        });
      },
    };
  };
  return {
    channel,
    hasSubscribers: (name: string | symbol) => channels.get(name)?.hasSubscribers ?? false,
    subscribe: (name: string | symbol, subscriber: Subscriber) => channel(name).subscribe(subscriber),
    unsubscribe: (name: string | symbol, subscriber: Subscriber) => channel(name).unsubscribe(subscriber),
    tracingChannel,
    Channel,
  };
}
