// First-run setup: whether an administrator must still be created, and creating it with the setup code.
import { ApiError } from './api-error.js';
import type { ApiClient } from './api-client.js';

/** True while no administrator exists (the server printed a setup code on its console). */
export async function setupRequired(api: ApiClient): Promise<boolean> {
  try {
    const status = await api.get<{ required?: boolean }>('api/setup/admin');
    return status.required === true;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return false;
    throw error;
  }
}

export async function createAdmin(api: ApiClient, user: string, pass: string, setupCode: string): Promise<void> {
  await api.post('api/setup/admin', { user, pass, setupCode }, { noReauth: true });
}
