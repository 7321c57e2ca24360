import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fetchRelationTargets } from './catalogChecks';
import type { Entity } from './entity';
import { refOf } from './entityRefs';
import type { HttpClient } from './httpClient';
import { pollUntil } from './poll';
import { toYamlDocuments } from './writeOrg';

// Registering a catalog-info.yaml is the moment a user waits for the portal:
// measured from the POST until the entity and its owner's reverse relation
// can both be read back.

export interface RegisterInput {
  client: HttpClient;
  dataDir: string;
  /** Name of an existing team to own the new component. */
  owner: string;
  /** Name of an existing component the new one depends on. */
  dependency: string;
  guard: () => void;
}

export interface RegisterResult {
  ms: number;
  file: string;
  /** Removes the file written for the registration. */
  remove(): Promise<void>;
}

export async function registerThroughApi(input: RegisterInput): Promise<RegisterResult> {
  const stamp = Date.now().toString(36);
  const dir = path.join(input.dataDir, `register-${stamp}`);
  const file = path.join(dir, 'catalog-info.yaml');
  const name = `bench-registered-${stamp}`;
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, description: 'Registered through the API by the catalog benchmark.' },
    spec: { type: 'service', lifecycle: 'experimental', owner: input.owner, dependsOn: [`component:${input.dependency}`] },
  };
  await mkdir(dir, { recursive: true });
  await writeFile(file, toYamlDocuments([entity]));
  const remove = () => rm(dir, { recursive: true, force: true });

  const componentRef = refOf('component', name);
  const ownerRef = refOf('group', input.owner);
  const started = performance.now();
  const response = await input.client.post('/api/catalog/locations', { type: 'file', target: file });
  if (response.status !== 201) {
    await remove();
    throw new Error(`POST /api/catalog/locations answered ${response.status} (expected 201): ${response.text.slice(0, 300)}`);
  }
  await pollUntil(
    async () => {
      const ownedBy = await fetchRelationTargets(input.client, componentRef, 'ownedBy');
      if (!ownedBy?.includes(ownerRef)) return undefined;
      const ownerOf = await fetchRelationTargets(input.client, ownerRef, 'ownerOf');
      return ownerOf?.includes(componentRef) ? true : undefined;
    },
    {
      intervalMs: 20,
      timeoutMs: 60_000,
      what: `${componentRef} to be queryable with ownedBy ${ownerRef} and its reverse`,
      guard: input.guard,
    },
  );
  return { ms: performance.now() - started, file, remove };
}
