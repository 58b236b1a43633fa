// Login, logout, the current user and first-run setup.
import type { ApiClient } from './api-client.js';
import type { CurrentUser, LoginResponse } from './types.js';

export function login(api: ApiClient, user: string, pass: string, remember: boolean): Promise<LoginResponse> {
  return api.post<LoginResponse>('api/login', { user, pass, remember }, { noReauth: true });
}

/** Reports who the session cookie (if any) belongs to; a guest answer has no `name`. */
export function passiveLogin(api: ApiClient): Promise<LoginResponse> {
  return api.post<LoginResponse>('api/login', { passive: true }, { noReauth: true });
}

export async function logout(api: ApiClient): Promise<void> {
  await api.post('api/logout', {}, { noReauth: true });
}

export function currentUser(api: ApiClient): Promise<CurrentUser> {
  return api.get<CurrentUser>('api/currentuser');
}
