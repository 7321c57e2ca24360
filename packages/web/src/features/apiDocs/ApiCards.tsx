import { RELATION_API_CONSUMED_BY, RELATION_API_PROVIDED_BY, RELATION_CONSUMES_API, RELATION_PROVIDES_API } from '@greenroom/model';
import { Typography } from '@mui/material';
import type { EntityContentProps } from '../../app/extensions';
import { InfoCard } from '../../components/InfoCard';
import { useRelatedEntities } from './api';
import { RelatedEntitiesTable } from './RelatedEntitiesTable';

/** A component's APIs, one card per direction. */
export function ProvidedApisCard({ entity }: EntityContentProps) {
  const apis = useRelatedEntities(entity, RELATION_PROVIDES_API);
  return (
    <InfoCard title="Provided APIs">
      <RelatedEntitiesTable label="Provided APIs" rows={apis.data} error={apis.error} emptyText="This component provides no APIs." />
    </InfoCard>
  );
}

export function ConsumedApisCard({ entity }: EntityContentProps) {
  const apis = useRelatedEntities(entity, RELATION_CONSUMES_API);
  return (
    <InfoCard title="Consumed APIs">
      <RelatedEntitiesTable label="Consumed APIs" rows={apis.data} error={apis.error} emptyText="This component consumes no APIs." />
    </InfoCard>
  );
}

/** Who implements an API and who calls it. */
export function ProvidersAndConsumersCard({ entity }: EntityContentProps) {
  const providers = useRelatedEntities(entity, RELATION_API_PROVIDED_BY);
  const consumers = useRelatedEntities(entity, RELATION_API_CONSUMED_BY);
  return (
    <InfoCard title="Providers and consumers">
      <Typography component="h3" variant="subtitle2" sx={{ mb: 1 }}>
        Provided by
      </Typography>
      <RelatedEntitiesTable label="Providers" rows={providers.data} error={providers.error} emptyText="No component provides this API." />
      <Typography component="h3" variant="subtitle2" sx={{ mt: 3, mb: 1 }}>
        Consumed by
      </Typography>
      <RelatedEntitiesTable label="Consumers" rows={consumers.data} error={consumers.error} emptyText="No component consumes this API." />
    </InfoCard>
  );
}
