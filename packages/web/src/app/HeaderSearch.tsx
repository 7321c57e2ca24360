import SearchIcon from '@mui/icons-material/Search';
import { InputAdornment, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

/** The header's search box: Enter opens the search page with the term in the URL. */
export function HeaderSearch() {
  const navigate = useNavigate();
  const [term, setTerm] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (term.trim()) navigate(`/search?query=${encodeURIComponent(term.trim())}`);
  };
  return (
    <form role="search" onSubmit={submit}>
      <TextField
        size="small"
        type="search"
        placeholder="Search the catalog"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        slotProps={{
          htmlInput: { 'aria-label': 'Search the catalog' },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
        sx={{ bgcolor: 'background.paper', borderRadius: 1, width: { xs: 180, sm: 280 } }}
      />
    </form>
  );
}
