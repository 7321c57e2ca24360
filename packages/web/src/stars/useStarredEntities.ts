import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../api/http';

/** Backstage's user-settings location for starred entities, so the data survives a move either way. */
const BUCKET_URL = '/api/user-settings/buckets/starredEntities';
const STARRED_URL = `${BUCKET_URL}/keys/entityRefs`;
const STARRED_KEY = ['user-settings', 'starredEntities'];

/** Reads the whole bucket: unlike the key itself, it answers 200 before anything was starred. */
async function fetchStarred(): Promise<string[]> {
  const body = await apiFetch<{ items: Array<{ key: string; value: unknown }> }>(BUCKET_URL);
  const value = body.items.find((item) => item.key === 'entityRefs')?.value;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
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
