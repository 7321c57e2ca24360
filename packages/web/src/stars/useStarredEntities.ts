import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, ApiError } from '../api/http';

/** Backstage's user-settings location for starred entities, so the data survives a move either way. */
const STARRED_URL = '/api/user-settings/buckets/starredEntities/keys/entityRefs';
const STARRED_KEY = ['user-settings', 'starredEntities'];

async function fetchStarred(): Promise<string[]> {
  try {
    const body = await apiFetch<{ value: unknown }>(STARRED_URL);
    return Array.isArray(body.value) ? body.value.filter((v): v is string => typeof v === 'string') : [];
  } catch (error) {
    if (error instanceof ApiError && error.notFound) return [];
    throw error;
  }
}

/** The signed-in user's starred entity refs (lower-case refs), stored on the server. */
export function useStarredEntities() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: STARRED_KEY, queryFn: fetchStarred, staleTime: 60_000 });
  const starred = query.data ?? [];

  const mutation = useMutation({
    mutationFn: async (next: string[]) => {
      await apiFetch(STARRED_URL, { method: 'PUT', json: { value: next } });
      return next;
    },
    // Show the star at once; roll back if the server refuses.
    onMutate: async (next) => {
      await client.cancelQueries({ queryKey: STARRED_KEY });
      const previous = client.getQueryData<string[]>(STARRED_KEY);
      client.setQueryData(STARRED_KEY, next);
      return { previous };
    },
    onError: (_error, _next, context) => client.setQueryData(STARRED_KEY, context?.previous),
    onSettled: () => client.invalidateQueries({ queryKey: STARRED_KEY }),
  });

  const isStarred = (ref: string) => starred.includes(ref.toLowerCase());
  const toggle = (ref: string) => {
    const key = ref.toLowerCase();
    mutation.mutate(isStarred(key) ? starred.filter((r) => r !== key) : [...starred, key]);
  };
  return { starred, isStarred, toggle, isLoading: query.isLoading, error: query.error ?? mutation.error };
}
