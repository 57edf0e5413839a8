import { lotMetrics } from "../analysis/lot-metrics.ts";
import { waveChange } from "../analysis/change.ts";
import type { Layer, LotMetrics, MissingMode, WaveChange } from "../analysis/metrics-schema.ts";
import type { Store } from "../store/store.ts";
import { lotData } from "./lot-data-source.ts";

/**
 * The figures of a lot, computed once per (lot, wave, layer, missing mode) and kept
 * until a submission in that lot and wave, or an edit of the call, makes them stale
 * (both are store events).
 */
export class MetricsService {
  /** Per lot: figures by wave, layer and missing mode. */
  private readonly cache = new Map<string, Map<string, LotMetrics>>();
  /** How many times figures were computed; lets tests see what the cache served. */
  computations = 0;

  constructor(private readonly store: Store) {
    store.circles.onSubmission((lotId, waveId) => this.invalidate(lotId, waveId));
    // Members, roles and names feed the lot figures: an edit of the call makes all of its lots' figures stale.
    store.callEdits.onEdit((callId) => {
      for (const lot of store.calls.lots(callId)) this.invalidate(lot.id);
    });
  }

  lot(lotId: string, waveId: string, layer: Layer, missing: MissingMode): LotMetrics {
    const key = `${waveId}\u0000${layer}\u0000${missing}`;
    let ofLot = this.cache.get(lotId);
    let figures = ofLot?.get(key);
    if (!figures) {
      figures = lotMetrics(lotData(this.store, lotId, waveId), layer, missing);
      this.computations++;
      if (!ofLot) this.cache.set(lotId, (ofLot = new Map()));
      ofLot.set(key, figures);
    }
    return figures;
  }

  change(lotId: string, fromWave: string, toWave: string, layer: Layer, missing: MissingMode): WaveChange {
    return waveChange(lotData(this.store, lotId, fromWave), lotData(this.store, lotId, toWave), layer, missing);
  }

  /** Forget the figures of a lot in one wave, or in every wave when none is given. */
  private invalidate(lotId: string, waveId?: string): void {
    const ofLot = this.cache.get(lotId);
    if (!ofLot || waveId === undefined) {
      this.cache.delete(lotId);
      return;
    }
    for (const key of ofLot.keys()) if (key.startsWith(`${waveId}\u0000`)) ofLot.delete(key);
  }
}
