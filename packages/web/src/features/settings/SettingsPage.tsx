import { Card, CardContent, FormControlLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useThemePreference } from '../../app/ThemePreference';
import type { ThemePreference } from '../../app/theme';
import { PageTitle } from '../../components/PageTitle';

export default function SettingsPage() {
  const { preference, setPreference } = useThemePreference();
  return (
    <>
      <PageTitle title="Settings" />
      <Card sx={{ maxWidth: 480 }}>
        <CardContent>
          <Typography variant="h6" component="h2" id="theme-label" gutterBottom>
            Theme
          </Typography>
          <RadioGroup aria-labelledby="theme-label" value={preference} onChange={(e) => setPreference(e.target.value as ThemePreference)}>
            <FormControlLabel value="light" control={<Radio />} label="Light" />
            <FormControlLabel value="dark" control={<Radio />} label="Dark" />
            <FormControlLabel value="system" control={<Radio />} label="Follow the system" />
          </RadioGroup>
        </CardContent>
      </Card>
    </>
  );
}
