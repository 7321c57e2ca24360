import LoginIcon from '@mui/icons-material/Login';
import { Alert, Box, Button, Card, CardContent, Link, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { getProviders, providerStartUrl, useSession } from './api';
import { safeRedirect } from './safeRedirect';

/** The sign-in page: one button per configured provider; a failed sign-in comes back here with `?error=`. */
export default function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const redirect = safeRedirect(params.get('redirect'));
  const error = params.get('error');
  const providers = useQuery({ queryKey: ['auth', 'providers'], queryFn: getProviders, staleTime: Infinity });
  const session = useSession();
  const signedIn = session.data?.signedIn === true;

  useEffect(() => {
    document.title = 'Sign in · Greenroom';
    if (signedIn) navigate(redirect, { replace: true });
  }, [signedIn, redirect, navigate]);

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2, bgcolor: 'background.default' }}>
      <Card sx={{ width: '100%', maxWidth: 420 }}>
        <CardContent>
          <Typography variant="h1" sx={{ fontSize: '1.75rem', mb: 1 }}>
            Sign in to Greenroom
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            Your organisation&apos;s developer portal. Sign in with your company account.
          </Typography>
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              Sign-in failed: {error}
            </Alert>
          )}
          {providers.isLoading && <Loading label="Loading sign-in options" />}
          {providers.error && <ErrorPanel title="The sign-in options could not be loaded" error={providers.error} />}
          {providers.data && (
            <Stack spacing={1.5}>
              {providers.data.providers.map((provider) => (
                // A plain link: the sign-in flow is a series of full-page redirects through the provider.
                <Button
                  key={provider.id}
                  variant="contained"
                  size="large"
                  startIcon={<LoginIcon />}
                  href={providerStartUrl(provider.id, redirect)}
                >
                  Sign in with {provider.title}
                </Button>
              ))}
              {providers.data.providers.length === 0 && !providers.data.guest && (
                <Alert severity="warning">No sign-in provider is configured; an administrator has to add one.</Alert>
              )}
              {providers.data.guest && (
                <Link component={RouterLink} to={redirect} sx={{ textAlign: 'center', pt: 1 }}>
                  Continue as guest
                </Link>
              )}
            </Stack>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
