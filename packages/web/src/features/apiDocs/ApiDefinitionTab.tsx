import { Box, Chip, Stack, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import { ErrorBoundary } from '../../app/ErrorBoundary';
import type { EntityContentProps } from '../../app/extensions';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { definitionLanguage } from './highlight';
import { HighlightedDefinition } from './HighlightedDefinition';

const SwaggerDefinition = lazy(() => import('./SwaggerDefinition'));

/** Backstage asks for a string; a definition written as a YAML mapping is shown as JSON rather than not at all. */
function definitionText(definition: unknown): string | undefined {
  if (typeof definition === 'string') return definition.trim() ? definition : undefined;
  if (definition && typeof definition === 'object') return JSON.stringify(definition, null, 2);
  return undefined;
}

/** An API's definition: OpenAPI as an interactive reference, everything else as highlighted source. */
export default function ApiDefinitionTab({ entity }: EntityContentProps) {
  const definition = definitionText(entity.spec?.definition);
  const apiType = typeof entity.spec?.type === 'string' ? entity.spec.type : '';
  const isOpenApi = apiType.toLowerCase() === 'openapi';
  const [view, setView] = useState<'reference' | 'source'>('reference');

  if (!definition) return <EmptyState title="This API has no definition">Add one under spec.definition in its descriptor file.</EmptyState>;
  const language = definitionLanguage(apiType, definition);

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        {apiType && <Chip label={apiType} size="small" aria-label={`API type ${apiType}`} />}
        {isOpenApi && (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={view}
            onChange={(_, next) => next && setView(next)}
            aria-label="How to show the definition"
          >
            <ToggleButton value="reference">Reference</ToggleButton>
            <ToggleButton value="source">Source</ToggleButton>
          </ToggleButtonGroup>
        )}
      </Stack>
      {isOpenApi && view === 'reference' ? (
        <ErrorBoundary area="the OpenAPI reference" resetKey={definition}>
          <Suspense fallback={<Loading label="Loading the API reference" />}>
            <SwaggerDefinition definition={definition} />
          </Suspense>
        </ErrorBoundary>
      ) : (
        <Box>
          <HighlightedDefinition definition={definition} language={language} />
        </Box>
      )}
    </Stack>
  );
}
