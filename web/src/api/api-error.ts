// The error every API call throws, with the server's message and a sentence a person can act on.

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's own `error` text (or body text), if any. */
    readonly serverMessage: string,
    message: string,
    /** From Retry-After on a 429, when the server sent it. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get needsReauthentication(): boolean {
    return this.status === 403 && /reauthenticate/i.test(this.serverMessage);
  }
}

const FORBIDDEN_DEFAULT = /don't have the permission/i;

function inWords(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.round(minutes / 60)} hours`;
}

/** Turns a status and the server's message into words for the person using the page. */
export function explainStatus(status: number, serverMessage: string, retryAfterSeconds: number | null = null): string {
  if (status === 0) return 'The server could not be reached. Check that it is running and that this device is online.';
  if (status === 400 && /csrf/i.test(serverMessage)) {
    return "The page's security token is out of date. Reload the page and try again.";
  }
  if (status === 403) {
    if (/reauthenticate/i.test(serverMessage)) return 'Please enter your password again to confirm this change.';
    if (!serverMessage || FORBIDDEN_DEFAULT.test(serverMessage)) {
      return "You don't have permission to do this. An administrator can give your account access.";
    }
    return serverMessage;
  }
  if (status === 404 && (!serverMessage || /was not found on the server/i.test(serverMessage))) {
    return 'The server has no such item or function (404). Refresh the page; if it stays, the server may be older than this page.';
  }
  if (status === 409 && /not operational/i.test(serverMessage)) {
    return 'The printer is not connected or not ready. Connect it on the dashboard first.';
  }
  if (status === 413) return 'That is larger than the server accepts.';
  if (status === 429) {
    const text = serverMessage || 'Too many attempts. Wait a few minutes and try again.';
    return retryAfterSeconds ? `${text} You can try again in about ${inWords(retryAfterSeconds)}.` : text;
  }
  if (status >= 500) return `The server had a problem (status ${status}). Its log has the details.`;
  return serverMessage || `The request failed with status ${status}.`;
}

/** A message for anything thrown by an action. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
