/** `perf_hooks`: the global performance object and the few constants Node exports beside it. */
import type { BuiltinContext } from "./index.js";

export function createPerfHooks({ global }: BuiltinContext): Record<string, unknown> {
  return {
    performance: global.performance,
    PerformanceObserver: global.PerformanceObserver,
    PerformanceEntry: global.PerformanceEntry,
    PerformanceMark: global.PerformanceMark,
    PerformanceMeasure: global.PerformanceMeasure,
    constants: {
      NODE_PERFORMANCE_GC_MAJOR: 4,
      NODE_PERFORMANCE_GC_MINOR: 1,
      NODE_PERFORMANCE_GC_INCREMENTAL: 8,
      NODE_PERFORMANCE_GC_WEAKCB: 16,
      NODE_PERFORMANCE_GC_FLAGS_NO: 0,
      NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
      NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
      NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
      NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
      NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
      NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
    },
  };
}
