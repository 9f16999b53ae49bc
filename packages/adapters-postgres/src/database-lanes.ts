// Kept apart from the PGlite dialect, so that the package's public types never name PGlite's.
import { AsyncLocalStorage } from 'node:async_hooks';

/** Which kind of work a query serves: a person waiting (a search), or background work (a scan). */
export type DatabaseLane = 'foreground' | 'background';

const lanes = new AsyncLocalStorage<DatabaseLane>();

/** The lane of the work now running; foreground unless marked. */
export function laneOfCaller(): DatabaseLane {
  return lanes.getStore() ?? 'foreground';
}

/** Runs `work` with every query it makes (awaited ones included) in the background lane (see PGliteDialect). */
export function inBackgroundLane<T>(work: () => T): T {
  return lanes.run('background', work);
}
