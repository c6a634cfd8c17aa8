/**
 * ES modules loaded after the entry's graph: `import()` of an ES module (any specifier, from ES
 * modules and CommonJS alike) and `require()` of an ES module, as Node 22 allows.
 *
 * The sandbox walks the graph: the V8 host compiles each module it does not have yet and answers
 * the specifiers V8 found in it (`esmCompile`), the sandbox resolves them. Then the host links a
 * small loader module, `import * as ns from root; __secureExecModuleReady(token, ns)` (`esmLink`),
 * whose body runs once the whole graph has been evaluated (after any top-level await) and hands
 * the namespace over. Module records live in the host per session, so a module is evaluated once
 * however it is reached (static import, import(), require()).
 *
 * - import() evaluates as a task of its own (`esmEvaluate`, asynchronous): nothing is restricted.
 * - require() evaluates while the sandbox waits in its call (`esmEvaluateSync`): that code cannot
 *   call the host synchronously meanwhile (see Bridge.callNesting), so the CommonJS modules of the
 *   graph are loaded before it runs, and a graph with a top-level await fails with
 *   ERR_REQUIRE_ASYNC_MODULE, as in Node (but only once it has been evaluated: Node checks first).
 *   isolated-vm runs the isolate's pending microtasks when that call returns, so promise
 *   callbacks queued before the require() run before it returns (in Node: after).
 */
import { codedError, reviveError } from "./errors.js";
import { moduleSource, resolveEsm } from "./esm.js";
import type { CommonJsModule, ModuleSystem } from "./modules.js";

type Namespace = Record<string, unknown>;
type Links = Record<string, Record<string, string>>;
interface Waiting {
  id: string;
  resolve(namespace: Namespace): void;
  reject(error: unknown): void;
}

export class EsmLoader {
  /** Modules the host has compiled and whose imports it knows (the entry's graph included). */
  readonly linked = new Set<string>();
  /** Namespaces of the modules loaded by import() or require(), by id. */
  private readonly namespaces = new Map<string, Namespace>();
  /** What require() returns for a module whose namespace has a default export (see `forRequire`). */
  private readonly requireFacades = new Map<string, unknown>();
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly modules: ModuleSystem) {
    Object.defineProperty(globalThis, "__secureExecModuleReady", {
      value: (token: number, namespace: Namespace) => this.ready(token, namespace),
      writable: false,
      configurable: false,
      enumerable: false,
    });
  }

  /** `import()` of an ES module, resolved to `id`. */
  import(id: string): Promise<Namespace> {
    return new Promise<Namespace>((resolve, reject) => {
      // After the caller's own synchronous code, as in Node (loading is asynchronous there).
      void Promise.resolve().then(() => {
        try {
          const known = this.namespaces.get(id);
          if (known) return resolve(known);
          const token = this.link(id, this.compileGraph(id).links);
          this.waiting.set(token, { id, resolve, reject });
          this.modules.runtime.callAsync("esmEvaluate", [token], (error, value) => {
            const failed = error ?? evaluationError(value);
            if (failed === undefined) return;
            this.waiting.delete(token);
            reject(failed);
          });
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /** `require()` of an ES module, resolved to `id`, from `parent`. */
  require(id: string, parent: CommonJsModule | null): unknown {
    const known = this.namespaces.get(id);
    if (known) return this.forRequire(id, known);
    const { links, commonJs } = this.compileGraph(id);
    // Its code runs while this call waits and cannot read files then: CommonJS first.
    for (const path of commonJs) this.modules.require(path, null);
    const token = this.link(id, links);
    let namespace: Namespace | undefined;
    // A graph without top-level await is evaluated before the microtasks queued so far run; with
    // one, the loader's body runs after them (isolated-vm runs microtasks when the call returns).
    let late = false;
    void Promise.resolve().then(() => (late = true));
    this.waiting.set(token, { id, resolve: (value) => (namespace = late ? undefined : value), reject: () => {} });
    const failed = evaluationError(this.modules.runtime.bridge.callNesting("esmEvaluateSync", [token], `require() evaluates the ES module ${id}`));
    if (failed !== undefined || namespace === undefined) this.waiting.delete(token);
    if (failed !== undefined) throw failed;
    if (namespace === undefined) {
      const from = parent ? `\n  From ${parent.filename} ` : "";
      throw codedError(
        "ERR_REQUIRE_ASYNC_MODULE",
        `require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.${from}\n  Requiring ${id} `,
      );
    }
    return this.forRequire(id, namespace);
  }

  /**
   * Node's require(esm) value: the namespace; the `"module.exports"` export when there is one; and
   * for a module with a default export (and no `__esModule`), a namespace that adds
   * `__esModule: true`, so that transpiled CommonJS reads `default` as the default export.
   */
  private forRequire(id: string, namespace: Namespace): unknown {
    if ("module.exports" in namespace) return namespace["module.exports"];
    if (!("default" in namespace) || "__esModule" in namespace) return namespace;
    if (this.requireFacades.has(id)) return this.requireFacades.get(id);
    const facadeId = `secure-exec:require/${id}`;
    const target = JSON.stringify(id);
    this.compile(facadeId, `export * from ${target}; export { default } from ${target}; export const __esModule = true;`);
    const token = this.link(facadeId, { [facadeId]: { [id]: id } });
    let facade: Namespace | undefined;
    this.waiting.set(token, { id: facadeId, resolve: (value) => (facade = value), reject: () => {} });
    const failed = evaluationError(this.modules.runtime.call("esmEvaluateSync", [token]));
    this.waiting.delete(token);
    if (failed !== undefined || facade === undefined) throw failed ?? new Error(`The namespace of ${id} is not available`);
    this.requireFacades.set(id, facade);
    return facade;
  }

  /**
   * Compiles `root` and what it imports that the host does not have yet; answers the links the
   * sandbox resolved and the CommonJS (and JSON) modules among them, dependencies first.
   */
  private compileGraph(root: string): { links: Links; commonJs: string[] } {
    const links: Links = {};
    const commonJs: string[] = [];
    const visit = (id: string): void => {
      if (this.linked.has(id) || id in links) return;
      const resolved: Record<string, string> = {};
      links[id] = resolved;
      const source = moduleSource(this.modules, id, undefined);
      for (const specifier of this.compile(id, source)) {
        const target = resolveEsm(this.modules, specifier, id);
        resolved[specifier] = target;
        visit(target);
      }
      if (!id.startsWith("node:") && !this.modules.resolver.isEsm(id)) commonJs.push(id);
    };
    visit(root);
    return { links, commonJs };
  }

  /** Compiles one module in the host (once per session); answers its import specifiers. */
  private compile(id: string, source: string): string[] {
    const answer = this.modules.runtime.call<{ specifiers?: string[]; error?: unknown }>("esmCompile", id, source);
    if (answer.error !== undefined) throw reviveError(answer.error);
    return answer.specifiers ?? [];
  }

  /** Links the graph under `root` (instantiates it) with a loader module; answers the loader's token. */
  private link(root: string, links: Links): number {
    const answer = this.modules.runtime.call<{ token?: number; error?: unknown }>("esmLink", root, links);
    if (answer.error !== undefined) throw reviveError(answer.error);
    for (const id of Object.keys(links)) this.linked.add(id);
    return answer.token!;
  }

  /** The body of a loader module ran: its graph is evaluated. */
  private ready(token: number, namespace: Namespace): void {
    const waiting = this.waiting.get(token);
    if (!waiting) return;
    this.waiting.delete(token);
    if (!waiting.id.startsWith("secure-exec:")) this.namespaces.set(waiting.id, namespace);
    waiting.resolve(namespace);
  }
}

/** The error an evaluation answered with, revived; undefined when it succeeded. */
function evaluationError(answer: unknown): unknown {
  const error = (answer as { error?: unknown } | undefined)?.error;
  return error === undefined ? undefined : reviveError(error);
}
