import { useSyncExternalStore } from 'react';

/** Recently visited entities live in this browser only, like Backstage's default. */
const STORAGE_KEY = 'greenroom.recentlyVisited';
const LIMIT = 10;

export interface Visit {
  entityRef: string;
  title: string;
  kind: string;
  at: number;
}

const listeners = new Set<() => void>();
let cache: { raw: string | null; visits: Visit[] } = { raw: null, visits: [] };

function read(): Visit[] {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (raw === cache.raw) return cache.visits;
  let visits: Visit[] = [];
  try {
    const parsed = raw ? (JSON.parse(raw) as unknown) : [];
    if (Array.isArray(parsed)) visits = parsed.filter((v): v is Visit => typeof v?.entityRef === 'string' && typeof v?.title === 'string');
  } catch {
    // A corrupt entry is forgotten rather than breaking the home page.
  }
  cache = { raw, visits };
  return visits;
}

export function recordVisit(visit: Omit<Visit, 'at'>): void {
  const rest = read().filter((v) => v.entityRef !== visit.entityRef);
  localStorage.setItem(STORAGE_KEY, JSON.stringify([{ ...visit, at: Date.now() }, ...rest].slice(0, LIMIT)));
  listeners.forEach((listener) => listener());
}

export function useRecentlyVisited(): Visit[] {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
}
