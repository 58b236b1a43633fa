// Entry of the driver process (one per printer): the driver on this process's own main loop, talking to the web server over IPC.
import { batchedPoster } from './message-batch.js';
import { createDriverHost } from './driver-host.js';
import type { DriverHost } from './driver-host.js';
import type { Call, DriverCalls } from './driver-contract.js';

function run(): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('driver-entry must run as a child process with an IPC channel');
  // One message a turn (see message-batch.ts): the web side never sees a state change apart from its event.
  const post = batchedPoster({
    send: (messages, written) => {
      // Once the channel is closed there is nobody to tell (and send() would raise an uncaught error).
      if (!process.connected) {
        written();
        return true;
      }
      return send(messages, () => written());
    },
  });
  let host: DriverHost | null = null;
  process.on('message', (call: Call<DriverCalls>) => {
    // The first call is always `configure`: it brings config.yaml, from which the driver is built.
    if (!host) {
      if (call.method !== 'configure') {
        post({ type: 'reply', id: call.id, error: { code: null, message: 'The driver process was not configured' } });
        return;
      }
      host = createDriverHost(call.args[0], post);
    }
    void host.handle(call);
  });
  // A service manager's stop (systemd signals the whole control group) or Ctrl-C in a terminal (the whole process
  // group) reaches this process too: the server stops it in order (disconnect, then the channel closes), so the
  // signals are ignored while the channel is open. Should the server hang, its SIGKILL after the grace time still ends it.
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  // The web server is gone (it ended, or crashed): nothing is left to drive the printer for. After a clean stop the
  // port is closed already; after a crash the heaters go off first (unless the printer prints from its SD card), and
  // a printer that does not answer gets a second at most.
  process.on('disconnect', () => {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
    setTimeout(() => process.exit(0), 1000);
    const released = host ? host.release() : Promise.resolve();
    released.then(
      () => process.exit(0),
      () => process.exit(0),
    );
  });
}

run();
