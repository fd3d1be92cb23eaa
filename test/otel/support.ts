// A real OpenTelemetry SDK pipeline in memory: MeterProvider -> PeriodicExportingMetricReader ->
// InMemoryMetricExporter, flushed on demand. Tests read back exactly what an exporter would send.
import type { Meter } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';

export interface MetricsHarness {
  meter: Meter;
  /** Flushes the reader and returns the latest export of every metric, by name. */
  collect(): Promise<Map<string, MetricData>>;
  shutdown(): Promise<void>;
}

export function metricsHarness(): MetricsHarness {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // A long interval: nothing exports on a timer during a test; forceFlush() exports on demand.
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return {
    meter: provider.getMeter('captoken-test'),
    async collect() {
      exporter.reset();
      await reader.forceFlush();
      const out = new Map<string, MetricData>();
      for (const resource of exporter.getMetrics()) {
        for (const scope of resource.scopeMetrics) for (const metric of scope.metrics) out.set(metric.descriptor.name, metric);
      }
      return out;
    },
    shutdown: () => provider.shutdown(),
  };
}

/** Sum data points as `{ attributes, value }`, sorted for stable comparison. */
export function sumPoints(metric: MetricData | undefined): { attributes: Record<string, unknown>; value: number }[] {
  if (metric?.dataPointType !== DataPointType.SUM) throw new Error(`expected a sum, got ${String(metric?.dataPointType)}`);
  return metric.dataPoints
    .map((p) => ({ attributes: { ...p.attributes }, value: p.value }))
    .sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)));
}

/** Histogram data points as `{ attributes, count, sum, boundaries }`, sorted. */
export function histogramPoints(
  metric: MetricData | undefined,
): { attributes: Record<string, unknown>; count: number; sum: number; boundaries: number[]; counts: number[] }[] {
  if (metric?.dataPointType !== DataPointType.HISTOGRAM) throw new Error(`expected a histogram, got ${String(metric?.dataPointType)}`);
  return metric.dataPoints
    .map((p) => ({
      attributes: { ...p.attributes },
      count: p.value.count,
      sum: p.value.sum ?? Number.NaN,
      boundaries: p.value.buckets.boundaries,
      counts: p.value.buckets.counts,
    }))
    .sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes)));
}
