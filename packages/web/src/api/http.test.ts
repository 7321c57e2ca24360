import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi, respond } from '../testing/renderWithApp';
import { apiFetch, ApiError, fullPageLoad, signInPath } from './http';

function setCsrfCookie(value: string | undefined) {
  document.cookie = value === undefined ? 'greenroom_csrf=; max-age=0; path=/' : `greenroom_csrf=${value}; path=/`;
}

afterEach(() => {
  setCsrfCookie(undefined);
  window.history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

describe('apiFetch', () => {
  it('sends the CSRF cookie back as X-CSRF-Token on POST, PUT, PATCH and DELETE, and not on GET', async () => {
    setCsrfCookie('c5rf-t0ken');
    const { calls } = mockApi({
      'GET /api/x': {},
      'POST /api/x': {},
      'PUT /api/x': {},
      'PATCH /api/x': {},
      'DELETE /api/x': respond(204),
    });
    await apiFetch('/api/x');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) await apiFetch('/api/x', { method, json: {} });
    expect(calls.map((c) => [c.method, c.headers.get('x-csrf-token')])).toEqual([
      ['GET', null],
      ['POST', 'c5rf-t0ken'],
      ['PUT', 'c5rf-t0ken'],
      ['PATCH', 'c5rf-t0ken'],
      ['DELETE', 'c5rf-t0ken'],
    ]);
  });

  it('sends no CSRF header when there is no CSRF cookie (a bearer-token or guest client without one)', async () => {
    const { calls } = mockApi({ 'POST /api/x': {} });
    await apiFetch('/api/x', { method: 'POST', json: {} });
    expect(calls[0]!.headers.has('x-csrf-token')).toBe(false);
  });

  it('sends the user to the sign-in page on a 401, with the way back to where they were', async () => {
    window.history.replaceState(null, '', '/catalog/default/component/orders?tab=api');
    const go = vi.spyOn(fullPageLoad, 'go').mockImplementation(() => {});
    mockApi({ 'GET /api/x': respond(401, { error: { name: 'AuthenticationError', message: 'Sign in first' } }) });
    const failure = apiFetch('/api/x');
    await expect(failure).rejects.toThrow(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 401, message: 'Sign in first' });
    expect(go).toHaveBeenCalledWith('/signin?redirect=%2Fcatalog%2Fdefault%2Fcomponent%2Forders%3Ftab%3Dapi');
  });

  it('does not redirect on a 401 while already on the sign-in page, nor on a 403', async () => {
    const go = vi.spyOn(fullPageLoad, 'go').mockImplementation(() => {});
    mockApi({ 'GET /api/x': respond(401, {}), 'POST /api/y': respond(403, { error: { name: 'NotAllowedError', message: 'no' } }) });
    await expect(apiFetch('/api/y', { method: 'POST' })).rejects.toMatchObject({ status: 403 });
    window.history.replaceState(null, '', '/signin?error=x');
    await expect(apiFetch('/api/x')).rejects.toMatchObject({ status: 401 });
    expect(go).not.toHaveBeenCalled();
  });
});

describe('signInPath', () => {
  it('keeps the current place, but never points the sign-in page back at itself', () => {
    expect(signInPath('/docs?q=a b')).toBe('/signin?redirect=%2Fdocs%3Fq%3Da%20b');
    expect(signInPath('/signin?redirect=%2Fx')).toBe('/signin');
  });
});
