import type { Entity } from '@greenroom/model';
import type { ComponentType, ReactNode } from 'react';

/**
 * The slots a feature can fill. A feature is one folder under `features/` whose
 * index.ts exports a `Feature`; `app/features.ts` lists them. Adding a page, a nav
 * entry, an entity tab or an entity card therefore touches one folder plus one line.
 */
export interface Feature {
  id: string;
  /** Top-level pages, e.g. `{ path: '/catalog', element: <CatalogPage /> }` (lazy components are fine). */
  routes?: Array<FeatureRoute>;
  /** Entries of the main navigation, in `order`; one with a `permission` shows only to those the server allows it. */
  nav?: Array<{ path: string; title: string; icon: ReactNode; order: number; permission?: string }>;
  entityTabs?: EntityTab[];
  entityCards?: EntityCard[];
  /** Small controls in the portal header (e.g. the notifications bell), before the search box, in `order`. */
  headerItems?: HeaderItem[];
}

export interface HeaderItem {
  id: string;
  order: number;
  component: ComponentType;
}

export interface FeatureRoute {
  path: string;
  element: ReactNode;
  /**
   * Starts loading the page's lazy code; called at startup when the first URL is this route's,
   * so the chunk downloads while the app boots instead of after it rendered.
   */
  preload?: () => Promise<unknown>;
}

export interface EntityContentProps {
  entity: Entity;
}

/** A tab on the entity page, served at `/catalog/:namespace/:kind/:name/<path>` (`''` is the overview). */
export interface EntityTab {
  id: string;
  /** Sub-path under the entity's URL; the overview tab uses ''. */
  path: string;
  title: string;
  order: number;
  /** Whether the tab applies to an entity; absent means always. */
  appliesTo?: (entity: Entity) => boolean;
  component: ComponentType<EntityContentProps>;
}

/** A card on an entity's overview tab. */
export interface EntityCard {
  id: string;
  order: number;
  /** Columns out of 12 at laptop width; cards take the full width on narrow screens. */
  width: 4 | 6 | 8 | 12;
  appliesTo?: (entity: Entity) => boolean;
  component: ComponentType<EntityContentProps>;
}

export const isKind =
  (...kinds: string[]) =>
  (entity: Entity) =>
    kinds.includes(entity.kind.toLowerCase());
