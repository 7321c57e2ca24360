import { createContext, useContext } from 'react';
import type { EntityCard, EntityTab, Feature, HeaderItem } from './extensions';

export const FeaturesContext = createContext<Feature[]>([]);

export function useEntityTabs(): EntityTab[] {
  const features = useContext(FeaturesContext);
  return features.flatMap((f) => f.entityTabs ?? []).sort((a, b) => a.order - b.order);
}

export function useEntityCards(): EntityCard[] {
  const features = useContext(FeaturesContext);
  return features.flatMap((f) => f.entityCards ?? []).sort((a, b) => a.order - b.order);
}

export function useNavItems() {
  const features = useContext(FeaturesContext);
  return features.flatMap((f) => f.nav ?? []).sort((a, b) => a.order - b.order);
}

export function useHeaderItems(): HeaderItem[] {
  const features = useContext(FeaturesContext);
  return features.flatMap((f) => f.headerItems ?? []).sort((a, b) => a.order - b.order);
}
