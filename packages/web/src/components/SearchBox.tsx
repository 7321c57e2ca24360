import SearchIcon from '@mui/icons-material/Search';
import { Box, Button, InputAdornment, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

/** A search form that opens the search page with the term in its URL: compact in the header, large on the home page. */
export function SearchBox({ label, placeholder, large = false }: { label: string; placeholder: string; large?: boolean }) {
  const navigate = useNavigate();
  const [term, setTerm] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (term.trim()) navigate(`/search?query=${encodeURIComponent(term.trim())}`);
  };
  return (
    <Box
      component="form"
      role="search"
      aria-label={label}
      onSubmit={submit}
      sx={{ display: 'flex', gap: 1, maxWidth: large ? 720 : undefined }}
    >
      <TextField
        fullWidth={large}
        size={large ? 'medium' : 'small'}
        type="search"
        placeholder={placeholder}
        value={term}
        onChange={(event) => setTerm(event.target.value)}
        slotProps={{
          htmlInput: { 'aria-label': label },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize={large ? 'medium' : 'small'} />
              </InputAdornment>
            ),
          },
        }}
        sx={{ bgcolor: 'background.paper', borderRadius: 1, width: large ? undefined : { xs: 180, sm: 280 } }}
      />
      {large && (
        <Button type="submit" variant="contained" sx={{ px: 3 }}>
          Search
        </Button>
      )}
    </Box>
  );
}
