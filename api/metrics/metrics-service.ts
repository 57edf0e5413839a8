import { lotMetrics } from "../analysis/lot-metrics.ts";
import { waveChange } from "../analysis/change.ts";
import type { Layer, LotMetrics, MissingMode, WaveChange } from "../analysis/metrics-schema.ts";
import type { Store } from "../store/store.ts";
import { lotData } from "./lot-data-source.ts";

/**
 * The figures of a lot, computed once per (lot, wave, layer, missing mode) and kept
 * until a submission in that lot and wave (or a change to the lot) makes them stale.
 */
export class MetricsService {
  private readonly cache = new Map<string, LotMetrics>();
  /** How many times figures were computed; lets tests see what the cache served. */
  computations = 0;

  constructor(private readonly store: Store) {
    store.circles.onSubmission((lotId, waveId) => this.invalidate(lotId, waveId));
  }

  lot(lotId: string, waveId: string, layer: Layer, missing: MissingMode): LotMetrics {
    const key = [lotId, waveId, layer, missing].join("\u0000");
    let figures = this.cache.get(key);
    if (!figures) {
      figures = lotMetrics(lotData(this.store, lotId, waveId), layer, missing);
      this.computations++;
      this.cache.set(key, figures);
    }
    return figures;
  }

  change(lotId: string, fromWave: string, toWave: string, layer: Layer, missing: MissingMode): WaveChange {
    return waveChange(lotData(this.store, lotId, fromWave), lotData(this.store, lotId, toWave), layer, missing);
  }

  /** Forget the figures of a lot in one wave, or in every wave when none is given. */
  invalidate(lotId: string, waveId?: string): void {
    for (const key of this.cache.keys()) {
      const [lot, wave] = key.split("\u0000");
      if (lot === lotId && (waveId === undefined || wave === waveId)) this.cache.delete(key);
    }
  }
}
