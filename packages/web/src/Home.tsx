import { useEffect, useState } from 'react';

interface FacetCount {
  value: string;
  count: number;
}

/** Placeholder home page until the portal lands: shows that the catalog answers. */
export function Home() {
  const [kinds, setKinds] = useState<FacetCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/api/catalog/entity-facets?facet=kind')
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((body: { facets: { kind: FacetCount[] } }) => setKinds(body.facets.kind))
      .catch((e: Error) => setError(e.message));
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Greenroom</h1>
      <p>
        The software catalog is running. The portal UI arrives next; the catalog API is at <code>/api/catalog</code>.
      </p>
      {error && <p role="alert">Could not reach the catalog: {error}</p>}
      {kinds && (
        <table aria-label="Entities per kind">
          <thead>
            <tr>
              <th align="left">Kind</th>
              <th align="right">Entities</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.value}>
                <td>{k.value}</td>
                <td align="right">{k.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
