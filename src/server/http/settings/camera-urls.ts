// Camera URLs the server itself fetches (the proxied streamer, timelapse snapshots): refused when they name a forbidden address.
import { isNeverFetchedAddress } from '../../../auth/index.js';
import { httpErrors } from '../errors.js';

/** config.yaml paths of URLs that Argonaut connects to (webcam.stream is only handed to browsers). */
const FETCHED_URL_PATHS: ReadonlySet<string> = new Set(['camera.proxyStreamUrl', 'camera.proxySnapshotUrl', 'webcam.snapshot']);

/** The address written in a URL's host, if it is one (`http://169.254.169.254/`, `http://[fe80::1]/`), else null. */
function literalAddress(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null; // relative or not a URL: nothing is fetched from it
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return /^[\d.]+$/.test(host) || host.includes(':') ? host : null;
}

/**
 * Throws 400 when an edit sets a fetched camera URL to a link-local, cloud-metadata or broadcast address. Host names
 * are checked again when the camera connects (they may resolve to anything later).
 */
export function checkCameraUrls(edits: ReadonlyArray<{ path: string; value: unknown }>): void {
  for (const edit of edits) {
    if (!FETCHED_URL_PATHS.has(edit.path) || typeof edit.value !== 'string') continue;
    const address = literalAddress(edit.value.trim());
    if (address !== null && isNeverFetchedAddress(address)) {
      throw httpErrors.badRequest(`${edit.path}: ${address} is a link-local, cloud-metadata or broadcast address, which Argonaut never connects to.`);
    }
  }
}
