// A server→client message serialised once and shared by every socket that receives it, in each transport's form.
import { arrayFrame, escapeForSockjs } from './sockjs-frames.js';
import { textFrame } from './websocket-frame.js';

export class OutgoingMessage {
  private sockjsText: string | undefined;
  private rawBytes: Buffer | undefined;
  private rawFrameBytes: Buffer | undefined;
  private sockjsFrameBytes: Buffer | undefined;

  /** `json` is the whole message object's JSON, e.g. `{"current":{...}}`. */
  constructor(readonly json: string) {}

  /** Builds `{"<type>": payload}`. */
  static of(type: string, payload: unknown): OutgoingMessage {
    return new OutgoingMessage(`{${JSON.stringify(type)}:${JSON.stringify(payload) ?? 'null'}}`);
  }

  /** The JSON escaped as SockJS requires (to go inside an `a[...]` frame). */
  get sockjsJson(): string {
    this.sockjsText ??= escapeForSockjs(this.json);
    return this.sockjsText;
  }

  /** The JSON as UTF-8, for raw websocket text frames. */
  get rawBuffer(): Buffer {
    this.rawBytes ??= Buffer.from(this.json, 'utf8');
    return this.rawBytes;
  }

  /** The whole websocket text frame of the raw socket: the JSON, framed. */
  get rawWebSocketFrame(): Buffer {
    this.rawFrameBytes ??= textFrame(this.rawBuffer);
    return this.rawFrameBytes;
  }

  /** The whole websocket text frame of the SockJS websocket transport: `a[<message>]`, framed. */
  get sockjsWebSocketFrame(): Buffer {
    this.sockjsFrameBytes ??= textFrame(Buffer.from(arrayFrame([this.sockjsJson]), 'utf8'));
    return this.sockjsFrameBytes;
  }

  get byteLength(): number {
    return this.rawBuffer.length;
  }
}
