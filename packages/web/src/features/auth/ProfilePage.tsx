import { Alert, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from './api';
import { TokensCard } from './TokensCard';
import { UserAvatar } from './UserAvatar';

/** Who the portal thinks you are: your user entity, the groups you act for, and your access tokens. */
export default function ProfilePage() {
  const session = useSession();
  if (session.isPending) return <Loading label="Loading your profile" />;
  if (session.error) return <ErrorPanel title="Your session could not be read" error={session.error} />;
  const user = session.data.user;
  if (!session.data.signedIn || !user) {
    return (
      <>
        <PageTitle title="Profile" />
        <Alert severity="info">You are using Greenroom as a guest: nobody is signed in, so there is no profile and no tokens.</Alert>
      </>
    );
  }
  const groups = user.ownershipEntityRefs.filter((ref) => ref !== user.entityRef);

  return (
    <>
      <PageTitle title="Profile" />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 4 }}>
          <Card>
            <CardContent>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
                <UserAvatar user={user} size={56} />
                <div>
                  <Typography variant="h5" component="h2">
                    {user.displayName}
                  </Typography>
                  {user.email && <Typography color="text.secondary">{user.email}</Typography>}
                </div>
              </Stack>
              <Typography variant="subtitle2" component="h3">
                User entity
              </Typography>
              <Typography sx={{ mb: 2 }}>
                <EntityRefLink entityRef={user.entityRef} defaultKind="user" withKind />
              </Typography>
              <Typography variant="subtitle2" component="h3">
                Groups
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                You own what these groups own, including through parent groups.
              </Typography>
              {groups.length === 0 ? (
                <Typography>You belong to no group.</Typography>
              ) : (
                <Stack
                  direction="row"
                  spacing={1}
                  useFlexGap
                  component="ul"
                  aria-label="Groups"
                  sx={{ flexWrap: 'wrap', p: 0, m: 0, listStyle: 'none' }}
                >
                  {groups.map((ref) => (
                    <Chip key={ref} component="li" variant="outlined" label={<EntityRefLink entityRef={ref} defaultKind="group" />} />
                  ))}
                </Stack>
              )}
              {session.data.expiresAt && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
                  Your session lasts until {new Date(session.data.expiresAt).toLocaleString()}.
                </Typography>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, lg: 8 }}>
          <TokensCard />
        </Grid>
      </Grid>
    </>
  );
}
