// Test helper: JSON calls to a server over loopback with fixed headers (an API key), answering status and parsed body.

export interface LoopbackReply {
  status: number;
  json: Record<string, unknown>;
}

/** `base` is read at each call, so a test may build the caller before its server has started. */
export function loopbackApi(base: () => string, headers: Record<string, string>) {
  return async (method: string, path: string, body?: unknown): Promise<LoopbackReply> => {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
}
