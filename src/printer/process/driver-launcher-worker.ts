// Worker thread that forks the driver processes and relays their messages: created before the web server lowers its priority, so that every driver it forks starts at the server's original priority.
import { fork } from 'node:child_process';
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { LaunchRequest, ToLaunched } from './driver-launcher-messages.js';

/** Forks one driver process and relays between it and `port` until it exits. */
function launch(request: LaunchRequest): void {
  const { port } = request;
  const child = fork(request.file, [], {
    execArgv: request.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: request.env,
  });
  port.postMessage({ type: 'started', pid: child.pid ?? null });
  child.on('message', (messages: unknown) => port.postMessage({ type: 'messages', messages }));
  child.on('error', (error) => port.postMessage({ type: 'error', message: error.message }));
  child.on('exit', (code, signal) => {
    port.postMessage({ type: 'exit', code, signal });
    port.close();
  });
  port.on('message', (command: ToLaunched) => {
    if (command.type === 'send') {
      if (child.connected) child.send(command.call);
    } else if (command.type === 'disconnect') {
      if (child.connected) child.disconnect();
    } else if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

function main(): void {
  const parent = parentPort;
  if (!parent) throw new Error('driver-launcher-worker must run as a worker thread');
  parent.on('message', (request: LaunchRequest & { port: MessagePort }) => launch(request));
}

main();
