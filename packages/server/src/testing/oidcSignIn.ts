import type { GreenroomApp } from '../core/app';

/**
 * Signs in the way a browser does, without one: Greenroom's start route, the loopback provider's
 * development login and consent forms (oidc-provider), then Greenroom's callback. Answers the
 * Greenroom cookies of the new session and where the callback sent the browser.
 */
export async function signInWithOidc(
  app: GreenroomApp,
  login: string,
  redirect = '/',
): Promise<{ cookies: Record<string, string>; location: string }> {
  const start = await app.http.inject({ method: 'GET', url: `/api/auth/oidc/start?redirect=${encodeURIComponent(redirect)}` });
  if (start.statusCode !== 302) throw new Error(`sign-in start answered ${start.statusCode}: ${start.body}`);
  const portalCookies = cookiesOf(start.cookies);
  const providerJar = new Map<string, string>();

  let url = start.headers.location as string;
  let form: Record<string, string> | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const target = new URL(url);
    if (target.pathname.startsWith('/api/auth/')) {
      const callback = await app.http.inject({ method: 'GET', url: `${target.pathname}${target.search}`, cookies: portalCookies });
      Object.assign(portalCookies, cookiesOf(callback.cookies));
      return { cookies: portalCookies, location: callback.headers.location as string };
    }
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...providerJar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair.split('=');
      providerJar.set(name.trim(), value.join('='));
    }
    form = undefined;
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url).href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`The provider answered ${response.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    form = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
  }
  throw new Error('The sign-in did not come back to Greenroom');
}

function cookiesOf(cookies: Array<{ name: string; value: string }>): Record<string, string> {
  return Object.fromEntries(cookies.filter((c) => c.value !== '').map((c) => [c.name, c.value]));
}
