import SearchIcon from '@mui/icons-material/Search';
import { Box, Chip, InputAdornment, Link, Paper, Popper, TextField, Typography } from '@mui/material';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useSearch } from './api';
import { HighlightedText } from './highlight';
import { groupByType, portalPath } from './results';
import { useDebouncedValue } from './useDebouncedValue';

const INSTANT_RESULTS = 10;
const DEBOUNCE_MS = 150;

const searchPagePath = (term: string) => `/search?query=${encodeURIComponent(term.trim())}`;

/** Whether a key press belongs to something the user is typing into, where `/` is just a character. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `/` and Ctrl/Cmd-K put the cursor in the search box from anywhere on the page. */
function useFocusShortcut(input: React.RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const shortcut =
        (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey) ||
        (event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey));
      if (!shortcut || isTypingTarget(event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [input]);
}

/** The header's search box: results as you type, grouped by type, in a listbox driven by the arrow keys. */
export function HeaderSearch() {
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const anchorRef = useRef<HTMLDivElement>(null);
  const listboxId = useId();
  const [term, setTerm] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  useFocusShortcut(inputRef);

  const settledTerm = useDebouncedValue(term.trim(), DEBOUNCE_MS);
  const search = useSearch({ term: settledTerm, pageLimit: INSTANT_RESULTS });
  const groups = useMemo(() => (settledTerm && search.data ? groupByType(search.data.results) : []), [settledTerm, search.data]);
  // Options in the order they are shown, which is the order the arrow keys walk.
  const options = groups.flatMap((group) => group.results);
  const optionId = (index: number) => `${listboxId}-option-${index}`;
  const showPopup = open && term.trim().length > 0;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (path: string) => {
    close();
    setTerm('');
    inputRef.current?.blur();
    navigate(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // The positions are "no selection" (-1) and each option, walked round in a circle.
      const positions = options.length + 1;
      setActive((current) => ((current + 1 + step + positions) % positions) - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = active >= 0 ? options[active] : undefined;
      const path = chosen ? portalPath(chosen.document.location) : undefined;
      if (path) go(path);
      else if (term.trim()) go(searchPagePath(term));
    } else if (event.key === 'Escape') {
      if (showPopup) event.preventDefault();
      close();
    }
  };

  let index = 0;
  return (
    <Box ref={anchorRef} role="search" aria-label="Search Greenroom">
      <TextField
        inputRef={inputRef}
        size="small"
        type="search"
        placeholder="Search (press /)"
        value={term}
        autoComplete="off"
        onChange={(event) => {
          setTerm(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        slotProps={{
          htmlInput: {
            role: 'combobox',
            'aria-label': 'Search Greenroom',
            'aria-autocomplete': 'list',
            'aria-expanded': showPopup,
            'aria-controls': showPopup ? listboxId : undefined,
            'aria-activedescendant': showPopup && active >= 0 ? optionId(active) : undefined,
          },
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
        sx={{ bgcolor: 'background.paper', borderRadius: 1, width: { xs: 180, sm: 320 } }}
      />
      <Popper open={showPopup} anchorEl={anchorRef.current} placement="bottom-end" sx={{ zIndex: (theme) => theme.zIndex.modal }}>
        <Paper elevation={8} sx={{ width: { xs: '90vw', sm: 480 }, maxHeight: '70vh', overflowY: 'auto', mt: 0.5 }}>
          <Box
            id={listboxId}
            role="listbox"
            aria-label="Instant search results"
            // Clicks on the list must not blur the input, or the list would close before the click lands.
            onMouseDown={(event) => event.preventDefault()}
          >
            {groups.map((group) => (
              <Box key={group.type} role="group" aria-labelledby={`${listboxId}-${group.type}`}>
                <Typography
                  id={`${listboxId}-${group.type}`}
                  variant="overline"
                  component="div"
                  sx={{ px: 2, pt: 1, color: 'text.secondary' }}
                >
                  {group.label}
                </Typography>
                {group.results.map((result) => {
                  const optionIndex = index++;
                  const path = portalPath(result.document.location);
                  const kindAndType = [result.document.kind, result.document.type].filter(Boolean).join(' · ');
                  return (
                    <Box
                      key={`${result.document.location}#${optionIndex}`}
                      id={optionId(optionIndex)}
                      role="option"
                      aria-selected={optionIndex === active}
                      aria-disabled={!path}
                      onMouseEnter={() => setActive(optionIndex)}
                      onClick={() => path && go(path)}
                      sx={{
                        px: 2,
                        py: 0.75,
                        cursor: path ? 'pointer' : 'default',
                        bgcolor: optionIndex === active ? 'action.selected' : undefined,
                        '& mark': { bgcolor: 'warning.light', color: 'inherit', borderRadius: 0.5 },
                      }}
                    >
                      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                        <Typography variant="body2" sx={{ fontWeight: 600 }} noWrap>
                          <HighlightedText
                            text={result.highlight?.fields.title ?? result.document.title}
                            preTag={result.highlight?.fields.title ? result.highlight.preTag : undefined}
                            postTag={result.highlight?.postTag}
                          />
                        </Typography>
                        {kindAndType && <Chip label={kindAndType} size="small" variant="outlined" />}
                      </Box>
                      <Typography variant="caption" color="text.secondary" noWrap component="div">
                        {result.document.text}
                      </Typography>
                    </Box>
                  );
                })}
              </Box>
            ))}
          </Box>
          <Box sx={{ px: 2, py: 1, borderTop: groups.length ? 1 : 0, borderColor: 'divider' }} onMouseDown={(e) => e.preventDefault()}>
            {search.isError ? (
              <Typography role="alert" variant="body2" color="error">
                Search failed: {search.error.message}
              </Typography>
            ) : (
              groups.length === 0 && (
                <Typography role="status" variant="body2" color="text.secondary">
                  {settledTerm !== term.trim() || search.isFetching ? 'Searching…' : `No matches for “${term.trim()}”`}
                </Typography>
              )
            )}
            <Link
              component={RouterLink}
              to={searchPagePath(term)}
              onClick={() => {
                close();
                setTerm('');
              }}
              variant="body2"
            >
              See all results for “{term.trim()}” (Enter)
            </Link>
          </Box>
        </Paper>
      </Popper>
    </Box>
  );
}
