import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from '../api/http';
import { Loading } from '../components/Loading';
import { RequireSession, SignInPage } from '../features/auth';
import { AppShell } from './AppShell';
import { features } from './features';
import { FeaturesContext } from './FeaturesContext';
import { NotFoundPage } from './NotFoundPage';
import { ThemePreferenceProvider } from './ThemePreference';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ThemePreferenceProvider>
        <FeaturesContext.Provider value={features}>
          <BrowserRouter>
            <Routes>
              <Route
                path="/signin"
                element={
                  <Suspense fallback={<Loading />}>
                    <SignInPage />
                  </Suspense>
                }
              />
              <Route
                element={
                  <RequireSession>
                    <AppShell />
                  </RequireSession>
                }
              >
                {features.flatMap((feature) =>
                  (feature.routes ?? []).map((route) => (
                    <Route key={`${feature.id}:${route.path}`} path={route.path} element={route.element} />
                  )),
                )}
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </FeaturesContext.Provider>
      </ThemePreferenceProvider>
    </QueryClientProvider>
  );
}
