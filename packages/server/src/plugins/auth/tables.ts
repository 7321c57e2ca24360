export interface AuthTables {
  auth_sessions: {
    id_hash: string;
    user_ref: string;
    /** The signed-in identity as JSON (SignedInUser): display name, email, ownership refs. */
    identity: string;
    csrf_token: string;
    provider: string;
    created_at: string;
    /** When the identity was last re-read from the catalog. */
    refreshed_at: string;
    idle_expires_at: string;
    expires_at: string;
  };
  auth_tokens: {
    id: string;
    token_hash: string;
    user_ref: string;
    name: string;
    /** JSON array of scopes. */
    scopes: string;
    created_at: string;
    expires_at: string;
    last_used_at: string | null;
  };
}
