// The queue of app key requests waiting for this person's decision, from the push socket and the API.

export interface PendingRequest {
  userToken: string;
  appName: string;
  userId: string | null;
  remoteAddress: string | null;
  /** The scope the app asked for, if any. */
  permissions: string[] | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** A request from a `plugin` push message's data or a `pending` entry; null when it is not one. */
export function parseRequest(data: Record<string, unknown>): PendingRequest | null {
  const userToken = text(data.user_token);
  const appName = text(data.app_name) ?? text(data.app_id);
  if (!userToken || !appName) return null;
  const permissions = Array.isArray(data.permissions) ? data.permissions.filter((p): p is string => typeof p === 'string') : null;
  return { userToken, appName, userId: text(data.user_id), remoteAddress: text(data.remote_address), permissions };
}

/** Whether this person should decide the request: it names them, or it names nobody. */
export function isForUser(request: PendingRequest, user: string): boolean {
  return request.userId === null || request.userId === user;
}

export function addRequest(queue: readonly PendingRequest[], request: PendingRequest): PendingRequest[] {
  return queue.some((r) => r.userToken === request.userToken) ? [...queue] : [...queue, request];
}

export function removeRequest(queue: readonly PendingRequest[], userToken: string): PendingRequest[] {
  return queue.filter((r) => r.userToken !== userToken);
}
