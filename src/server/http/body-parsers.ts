// Request body parsing: JSON (with a depth limit, empty = no body), forms, multipart left for streaming, others ignored.
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { httpErrors } from './errors.js';

const MAX_JSON_DEPTH = 32;

function tooDeep(value: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_JSON_DEPTH) return true;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}

/**
 * The body of a request whose JSON did not parse. As in OctoPrint (which parses when a handler asks), the refusal
 * comes when a handler reads the JSON (jsonBody): a route may answer its own checks first (e.g. 409 while the printer
 * is offline), and a login reads it as no values.
 */
export class MalformedJson {}

/** The deepest nesting of brackets outside strings, for text that is not valid JSON. */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ']' || char === '}') depth--;
  }
  return deepest;
}

/** Parses a JSON request body: undefined when empty, MalformedJson when malformed, HttpError 400 when nested too deep. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, item: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : item));
  } catch {
    // Refused at once when it nests too deep anyway (DOS-02); other malformed JSON waits for the handler.
    if (bracketDepth(text) > MAX_JSON_DEPTH) throw httpErrors.badRequest(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
    return new MalformedJson();
  }
  if (tooDeep(value)) throw httpErrors.badRequest(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  return value;
}

export async function registerBodyParsers(app: FastifyInstance, bodyLimit: number): Promise<void> {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  const json = (_request: unknown, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    try {
      done(null, parseJsonBody(body.toString()));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, json);
  app.addContentTypeParser(/^application\/[a-z0-9.+-]+\+json$/, { parseAs: 'string', bodyLimit }, json);
  await app.register(formbody, { bodyLimit });
  // Multipart bodies are streamed by the upload route itself from request.raw.
  app.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null, undefined));
  // Anything else is read (within the limit) and ignored, so each endpoint can answer as OctoPrint does (e.g. 415).
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, _body, done) => done(null, undefined));
}
