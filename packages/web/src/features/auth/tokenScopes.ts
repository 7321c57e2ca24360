/**
 * The scopes a personal access token can carry, as the server's auth plugin maps them to permissions.
 * A token can never do more than its owner; scopes only narrow it further.
 */
export const TOKEN_SCOPES: Array<{ scope: string; label: string }> = [
  { scope: 'catalog:read', label: 'Read the catalog' },
  { scope: 'catalog:write', label: 'Register, refresh and unregister catalog entities' },
  { scope: 'scaffolder:run', label: 'Run software templates' },
  { scope: '*', label: 'Everything you may do' },
];

export const EXPIRY_DAYS = [7, 30, 90, 365];
