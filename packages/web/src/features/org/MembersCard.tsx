import type { EntityContentProps } from '../../app/extensions';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { InfoCard } from '../../components/InfoCard';
import { Loading } from '../../components/Loading';
import { relationTargets, useProfiles } from './api';
import { PersonList } from './PersonList';

/** The team's direct members, each linked to their page, with their email. */
export default function MembersCard({ entity }: EntityContentProps) {
  const refs = relationTargets(entity, 'hasMember');
  const members = useProfiles(refs);
  let content;
  if (refs.length === 0) content = <EmptyState title="No direct members" />;
  else if (members.error) content = <ErrorPanel title="The members could not be loaded" error={members.error} />;
  else if (!members.data) content = <Loading label="Loading the members" />;
  else content = <PersonList label="Members" items={members.data} />;
  return (
    <InfoCard title="Members" subheader={refs.length ? `${refs.length} direct ${refs.length === 1 ? 'member' : 'members'}` : undefined}>
      {content}
    </InfoCard>
  );
}
