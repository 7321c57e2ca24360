import picomatch from 'picomatch';
import type { CatalogRule } from '../../../core/config';

/**
 * Decides which kinds a source may define (Backstage's `catalog.rules`): a kind is
 * allowed when a rule lists it and, if the rule names locations, the source matches one.
 */
export class CatalogRules {
  private readonly compiled: Array<{ kinds: Set<string>; matches: (type: string, target: string) => boolean }>;

  constructor(rules: CatalogRule[]) {
    this.compiled = rules.map((rule) => {
      const locations = rule.locations?.map((loc) => ({
        type: loc.type,
        test: loc.pattern ? picomatch(loc.pattern, { dot: true }) : (t: string) => t === loc.target,
      }));
      return {
        kinds: new Set(rule.allow.map((k) => k.toLowerCase())),
        matches: (type, target) => !locations || locations.some((l) => l.type === type && l.test(target)),
      };
    });
  }

  isAllowed(kind: string, source: { type: string; target: string }): boolean {
    const lower = kind.toLowerCase();
    return this.compiled.some((rule) => rule.kinds.has(lower) && rule.matches(source.type, source.target));
  }
}
