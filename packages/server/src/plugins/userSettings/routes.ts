import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotAllowedError, NotFoundError } from '../../core/errors';
import { userSettingsPermissions } from './permissions';
import type { SettingAddress, SettingsStore } from './SettingsStore';

const MAX_VALUE_BYTES = 64 * 1024;

const settingName = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be 1 to 128 characters of letters, digits, ".", "_" or "-"');

const params = z.object({ bucket: settingName, key: settingName });

const putBody = z.strictObject({
  value: z.json({ error: 'required, any JSON value' }).transform((value, ctx) => {
    // Serialised once here: the size check and the stored text are the same string.
    const json = JSON.stringify(value);
    const bytes = Buffer.byteLength(json);
    if (bytes > MAX_VALUE_BYTES) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `${bytes} bytes as JSON exceeds the limit of 64 KiB (${MAX_VALUE_BYTES} bytes)`,
      });
      return z.NEVER;
    }
    return { value, json };
  }),
});

/** Settings are always the caller's own: the user comes from the principal, never from the request. */
function userOf(request: FastifyRequest): string {
  const userRef = request.principal.userEntityRef;
  if (!userRef) throw new NotAllowedError(`${request.principal.displayName} is not a user and has no settings`);
  return userRef;
}

function addressOf(request: FastifyRequest): SettingAddress {
  return { userRef: userOf(request), ...params.parse(request.params) };
}

/** Backstage's user-settings wire format: `{ bucket, key, value }` per key. */
export function registerSettingsRoutes(http: FastifyInstance, store: SettingsStore) {
  const read = { permission: userSettingsPermissions.read };
  const write = { permission: userSettingsPermissions.write };

  // Greenroom addition: a whole bucket in one answer, which is 200 even when nothing was ever
  // set, so a first visit does not log a 404 in the browser for every unset key.
  http.get('/buckets/:bucket', { config: read }, async (request) => {
    const { bucket } = z.object({ bucket: settingName }).parse(request.params);
    return { bucket, items: await store.list(userOf(request), bucket) };
  });

  http.get('/buckets/:bucket/keys/:key', { config: read }, async (request) => {
    const address = addressOf(request);
    const found = await store.get(address);
    if (!found) throw new NotFoundError(`No setting ${address.key} in bucket ${address.bucket}`);
    return { bucket: address.bucket, key: address.key, value: found.value };
  });

  http.put('/buckets/:bucket/keys/:key', { config: write }, async (request) => {
    const address = addressOf(request);
    const { value: setting } = putBody.parse(request.body ?? {});
    await store.set(address, setting.json);
    return { bucket: address.bucket, key: address.key, value: setting.value };
  });

  http.delete('/buckets/:bucket/keys/:key', { config: write }, async (request, reply) => {
    await store.delete(addressOf(request));
    reply.code(204).send();
  });
}
