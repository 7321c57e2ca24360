import { matchPath } from 'react-router';
import type { Feature } from './extensions';

/** Starts downloading the code of the page at `pathname`, if a feature's route matches it and can preload. */
export function preloadRoute(features: Feature[], pathname: string): void {
  const route = features.flatMap((f) => f.routes ?? []).find((r) => matchPath({ path: r.path, end: true }, pathname));
  // A failed preload is retried by the lazy component itself, which shows the error if it fails again.
  route?.preload?.().catch(() => undefined);
}
