// The little of oidc-provider's API the loopback provider uses (the package ships no types).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Array<Record<string, unknown>>;
        claims?: Record<string, string[]>;
        cookies?: { keys: string[] };
        features?: Record<string, { enabled: boolean }>;
        findAccount(ctx: unknown, id: string): Promise<Account | undefined>;
      },
    );
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
