import { useSearchParams } from 'react-router';

/** One query-string parameter as page state: shareable in a link, undone by Back. */
export function useQueryParam(key: string): [string | undefined, (value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const set = (value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  return [params.get(key) ?? undefined, set];
}
