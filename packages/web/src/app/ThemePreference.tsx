import { CssBaseline, ThemeProvider, useMediaQuery } from '@mui/material';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { createPortalTheme, type ThemePreference } from './theme';

const STORAGE_KEY = 'greenroom.theme';

interface ThemePreferenceValue {
  preference: ThemePreference;
  setPreference(preference: ThemePreference): void;
}

const ThemePreferenceContext = createContext<ThemePreferenceValue>({ preference: 'system', setPreference: () => {} });

function storedPreference(): ThemePreference {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** Light, dark or the system's choice; remembered in this browser. */
export function ThemePreferenceProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(storedPreference);
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const mode = preference === 'system' ? (prefersDark ? 'dark' : 'light') : preference;
  const theme = useMemo(() => createPortalTheme(mode), [mode]);
  const value = useMemo(
    () => ({
      preference,
      setPreference(next: ThemePreference) {
        localStorage.setItem(STORAGE_KEY, next);
        setPreferenceState(next);
      },
    }),
    [preference],
  );
  return (
    <ThemePreferenceContext.Provider value={value}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </ThemePreferenceContext.Provider>
  );
}

export const useThemePreference = () => useContext(ThemePreferenceContext);
