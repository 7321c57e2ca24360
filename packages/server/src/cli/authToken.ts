import { createHash, randomBytes } from 'node:crypto';

/**
 * `greenroom auth token <name>`: a new service token and the config entry that accepts it. The
 * config keeps only the token's SHA-256, so greenroom.yaml can be committed; the token is shown once.
 */
export function runAuthToken(name: string | undefined): number {
  if (!name || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
    console.error('Usage: greenroom auth token <name>   (a lowercase name such as ci or deploy-bot)');
    return 1;
  }
  const token = `grn_svc_${randomBytes(32).toString('base64url')}`;
  const sha256 = createHash('sha256').update(token).digest('hex');
  console.log(`Token for service:${name} (shown once; send it as "Authorization: Bearer <token>"):\n\n  ${token}\n`);
  console.log(`Add to greenroom.yaml:\n\nauth:\n  tokens:\n    - name: ${name}\n      sha256: ${sha256}\n      scopes: ['catalog:read']`);
  return 0;
}
