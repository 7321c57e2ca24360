import { stringifyEntityRef } from '@greenroom/model';
import { Box, Button, Tab, Tabs } from '@mui/material';
import { Suspense, useEffect } from 'react';
import { Link as RouterLink, Route, Routes, useParams } from 'react-router';
import { ApiError } from '../../api/http';
import { ErrorBoundary } from '../../app/ErrorBoundary';
import { useEntityTabs } from '../../app/FeaturesContext';
import { EmptyState } from '../../components/EmptyState';
import { entityPath } from '../../components/entityRoutes';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { recordVisit } from '../../recent/recentlyVisited';
import { EntityBanners } from './EntityBanners';
import { EntityHeader } from './EntityHeader';
import { useEntityFromUrl } from './useEntity';

export default function EntityPage() {
  const { ref, data: entity, error, isLoading } = useEntityFromUrl();
  const tabs = useEntityTabs();
  const subPath = useParams()['*'] ?? '';

  useEffect(() => {
    if (entity)
      recordVisit({ entityRef: stringifyEntityRef(entity), title: entity.metadata.title ?? entity.metadata.name, kind: entity.kind });
  }, [entity]);

  if (isLoading) return <Loading label="Loading entity" />;
  if (error instanceof ApiError && error.notFound) {
    return (
      <EmptyState title={`There is no ${ref.kind} named ${ref.namespace}/${ref.name} in the catalog`}>
        <p>It may have been renamed or unregistered.</p>
        <Button component={RouterLink} to="/catalog" variant="outlined">
          Browse the catalog
        </Button>
      </EmptyState>
    );
  }
  if (error || !entity) return <ErrorPanel title="The entity could not be loaded" error={error} />;

  const applicable = tabs.filter((tab) => !tab.appliesTo || tab.appliesTo(entity));
  const base = entityPath(entity);
  const current = applicable.find((tab) => tab.path === subPath.replace(/\/$/, '')) ?? applicable[0];

  return (
    <>
      <EntityHeader entity={entity} />
      <EntityBanners entity={entity} />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
        <Tabs value={current?.id ?? false} variant="scrollable" scrollButtons="auto" aria-label="Entity views">
          {applicable.map((tab) => (
            <Tab key={tab.id} value={tab.id} label={tab.title} component={RouterLink} to={tab.path ? `${base}/${tab.path}` : base} />
          ))}
        </Tabs>
      </Box>
      <Routes>
        {applicable.map((tab) => (
          <Route
            key={tab.id}
            path={tab.path ? `${tab.path}/*` : ''}
            element={
              <ErrorBoundary area={`the ${tab.title} tab`} resetKey={tab.id}>
                <Suspense fallback={<Loading />}>
                  <tab.component entity={entity} />
                </Suspense>
              </ErrorBoundary>
            }
          />
        ))}
        <Route path="*" element={<EmptyState title="This entity has no such tab" />} />
      </Routes>
    </>
  );
}
