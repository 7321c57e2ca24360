import { definePlugin } from '../../core/plugin';

/**
 * Who the portal is talking to. So far Greenroom has one identity, the guest of the embedded demo
 * (core/identity.ts); sign-in providers, sessions and tokens come with the sign-in issue (7) and
 * extend this plugin. The portal reads these two routes on every page.
 */
export const authPlugin = definePlugin({
  id: 'auth',
  register(ctx) {
    ctx.http.get('/providers', { config: { public: true } }, async () => ({ guest: true, providers: [] }));

    ctx.http.get('/session', { config: { public: true } }, async (request) => {
      const { principal } = request;
      const guest = principal.type === 'guest';
      return {
        signedIn: !guest,
        guest,
        user: principal.userEntityRef
          ? { entityRef: principal.userEntityRef, displayName: guest ? 'Guest' : principal.displayName, ownershipEntityRefs: principal.ownershipEntityRefs }
          : undefined,
        // No cookie sessions yet, so nothing to protect against cross-site requests.
        csrfToken: '',
      };
    });
  },
});
