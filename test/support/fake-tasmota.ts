// A stand-in Tasmota smart plug on loopback: a real HTTP server answering /cm?cmnd=Power[ On|Off] as Tasmota does,
// recording every command it is given.
import { createServer } from 'node:http';

export interface FakeTasmota {
  /** http://127.0.0.1:<port> */
  address: string;
  /** Whether the relay is on. */
  powered(): boolean;
  /** The switching commands received ("Power On", "Power Off"), in order; state readings ("Power") left out. */
  switches(): string[];
  close(): Promise<void>;
}

export async function startFakeTasmota(): Promise<FakeTasmota> {
  let powered = false;
  const switches: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://plug');
    const cmnd = url.searchParams.get('cmnd');
    if (url.pathname !== '/cm' || (cmnd !== 'Power' && cmnd !== 'Power On' && cmnd !== 'Power Off')) {
      response.writeHead(404).end();
      return;
    }
    if (cmnd !== 'Power') {
      switches.push(cmnd);
      powered = cmnd === 'Power On';
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ POWER: powered ? 'ON' : 'OFF' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `http://127.0.0.1:${port}`,
    powered: () => powered,
    switches: () => [...switches],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
