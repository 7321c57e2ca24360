import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, InputAdornment, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

/** The big search box: opens the search page with the term in its URL. */
export function HomeSearch() {
  const navigate = useNavigate();
  const [term, setTerm] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (term.trim()) navigate(`/search?query=${encodeURIComponent(term.trim())}`);
  };
  return (
    <Box component="form" role="search" aria-label="Search Greenroom" onSubmit={submit} sx={{ display: 'flex', gap: 1, maxWidth: 720 }}>
      <TextField
        fullWidth
        type="search"
        placeholder="Services, APIs, teams, docs…"
        value={term}
        onChange={(event) => setTerm(event.target.value)}
        slotProps={{
          htmlInput: { 'aria-label': 'Search term' },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          },
        }}
        sx={{ bgcolor: 'background.paper' }}
      />
      <Button type="submit" variant="contained" sx={{ px: 3 }}>
        Search
      </Button>
    </Box>
  );
}
