import { Grid } from '@mui/material';
import { Suspense } from 'react';
import { ErrorBoundary } from '../../app/ErrorBoundary';
import type { EntityContentProps } from '../../app/extensions';
import { useEntityCards } from '../../app/FeaturesContext';
import { Loading } from '../../components/Loading';

/** The overview: every contributed card that applies to this entity, each isolated by an error boundary. */
export default function OverviewTab({ entity }: EntityContentProps) {
  const cards = useEntityCards().filter((card) => !card.appliesTo || card.appliesTo(entity));
  return (
    <Grid container spacing={3}>
      {cards.map((card) => (
        <Grid key={card.id} size={{ xs: 12, md: card.width }}>
          <ErrorBoundary area={`the ${card.id} card`} resetKey={card.id}>
            <Suspense fallback={<Loading />}>
              <card.component entity={entity} />
            </Suspense>
          </ErrorBoundary>
        </Grid>
      ))}
    </Grid>
  );
}
