import { createTheme, type PaletteMode } from '@mui/material/styles';

export type ThemePreference = 'light' | 'dark' | 'system';

export function createPortalTheme(mode: PaletteMode) {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#1b6e4a' : '#6fcf97' },
      secondary: { main: mode === 'light' ? '#5a4fcf' : '#b3acff' },
      background: mode === 'light' ? { default: '#f5f6f4', paper: '#ffffff' } : { default: '#121413', paper: '#1c1f1d' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', h1: { fontSize: '1.9rem', fontWeight: 600 } },
    components: {
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiButton: { defaultProps: { disableElevation: true } },
    },
  });
}
