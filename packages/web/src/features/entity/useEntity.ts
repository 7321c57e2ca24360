import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { getEntityByName } from '../../api/catalog';

/** The entity named by the URL (`/catalog/:namespace/:kind/:name`). */
export function useEntityFromUrl() {
  const { namespace = 'default', kind = '', name = '' } = useParams();
  const ref = { kind, namespace, name };
  const query = useQuery({
    queryKey: ['entity', kind.toLowerCase(), namespace.toLowerCase(), name.toLowerCase()],
    queryFn: () => getEntityByName(ref),
  });
  return { ref, ...query };
}
