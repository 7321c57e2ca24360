import type { Entity } from '@greenroom/model';
import EmailIcon from '@mui/icons-material/Email';
import { Avatar, Box, Chip, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { EntityContentProps } from '../../app/extensions';
import { ExternalLink } from '../../components/ExternalLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { InfoCard } from '../../components/InfoCard';
import { Loading } from '../../components/Loading';
import { safeUrl } from '../../components/safeUrl';
import { displayName, profileOf, relationTargets, useProfiles } from './api';
import { PersonList } from './PersonList';

/** Picture, name, email and description of a person or team; everything from the catalog shown as text. */
function ProfileHeader({ entity }: { entity: Entity }) {
  const profile = profileOf(entity);
  const name = displayName(entity);
  const description = typeof entity.metadata.description === 'string' ? entity.metadata.description : undefined;
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
      <Avatar src={safeUrl(profile.picture)} alt="" sx={{ width: 64, height: 64, fontSize: 28 }}>
        {name.charAt(0).toUpperCase()}
      </Avatar>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="h6" component="p" sx={{ overflowWrap: 'anywhere' }}>
          {name}
          {type && <Chip label={type} size="small" sx={{ ml: 1, verticalAlign: 'middle' }} />}
        </Typography>
        {profile.email && (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', overflowWrap: 'anywhere' }}>
            <EmailIcon fontSize="small" color="action" aria-hidden />
            <ExternalLink href={`mailto:${profile.email}`}>{profile.email}</ExternalLink>
          </Stack>
        )}
        {description && (
          <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {description}
          </Typography>
        )}
      </Box>
    </Stack>
  );
}

/** A titled list of related teams, loaded with their profiles. */
function RelatedGroups({ title, refs, empty }: { title: string; refs: string[]; empty: string }) {
  const groups = useProfiles(refs);
  let content: ReactNode;
  if (refs.length === 0)
    content = (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  else if (groups.error) content = <ErrorPanel title={`${title} could not be loaded`} error={groups.error} />;
  else if (!groups.data) content = <Loading label={`Loading ${title.toLowerCase()}`} />;
  else content = <PersonList label={title} items={groups.data} />;
  return (
    <>
      <Typography component="h3" variant="subtitle2" sx={{ mt: 2 }}>
        {title}
      </Typography>
      {content}
    </>
  );
}

function Links({ entity }: { entity: Entity }) {
  const links = (entity.metadata.links ?? []).filter((link) => typeof link?.url === 'string');
  if (links.length === 0) return null;
  return (
    <>
      <Divider sx={{ my: 2 }} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label="Links">
        {links.map((link, i) => (
          <ExternalLink key={i} href={link.url}>
            {typeof link.title === 'string' && link.title ? link.title : link.url}
          </ExternalLink>
        ))}
      </Stack>
    </>
  );
}

/** A team: who it is, the team above it and the teams below it. */
export function GroupProfileCard({ entity }: EntityContentProps) {
  const parents = relationTargets(entity, 'childOf');
  return (
    <InfoCard title="Team">
      <ProfileHeader entity={entity} />
      <Links entity={entity} />
      <RelatedGroups title={parents.length > 1 ? 'Parent teams' : 'Parent team'} refs={parents} empty="None: this is a top-level team." />
      <RelatedGroups title="Child teams" refs={relationTargets(entity, 'parentOf')} empty="None." />
    </InfoCard>
  );
}

/** A person: who they are and the teams they belong to. */
export function UserProfileCard({ entity }: EntityContentProps) {
  return (
    <InfoCard title="Profile">
      <ProfileHeader entity={entity} />
      <Links entity={entity} />
      <RelatedGroups title="Member of" refs={relationTargets(entity, 'memberOf')} empty="No teams." />
    </InfoCard>
  );
}
