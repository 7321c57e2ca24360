/** A personal access token as `GET /api/auth/tokens` lists it: never the secret, which is shown once at creation. */
export interface AccessToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string;
}
