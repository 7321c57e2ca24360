import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { parseCatalogSearch, serializeCatalogSearch, type CatalogViewState } from './urlState';

/** Kept in history state (not the URL): a cursor does not say which row it starts at. */
interface PageHistoryState {
  firstRow?: number;
}

/**
 * The catalog view read from, and written to, the URL. `firstRow` numbers the rows of the
 * current page when known (the first page, or a page reached by the page buttons).
 */
export function useCatalogView() {
  const location = useLocation();
  const navigate = useNavigate();
  const view = useMemo(() => parseCatalogSearch(location.search), [location.search]);
  const firstRow = view.cursor ? (location.state as PageHistoryState | null)?.firstRow : 1;

  const show = useCallback(
    (next: CatalogViewState, options: { replace?: boolean; firstRow?: number } = {}) => {
      const state: PageHistoryState = { firstRow: options.firstRow };
      navigate({ search: `?${serializeCatalogSearch(next)}` }, { replace: options.replace, state });
    },
    [navigate],
  );
  return { view, firstRow, show };
}
