// `argonaut serve`: runs the server until SIGINT or SIGTERM, then stops cleanly.
import type { Command } from 'commander';
import type { App } from '../../app/index.js';
import { resolveBasedir } from '../options.js';
import { reachableLine } from '../reachable-addresses.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the Argonaut server')
    .option('--basedir <dir>', 'data folder (default $ARGONAUT_BASEDIR or ~/.argonaut)')
    .option('--host <host>', 'address to listen on (default from config.yaml, 0.0.0.0)')
    .option('--port <port>', 'TCP port (default from config.yaml, 5000)', (value) => {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, not ${value}`);
      return port;
    })
    .action(async (options: { basedir?: string; host?: string; port?: number }) => {
      // The server's code is loaded only by this command; the others start without parsing it.
      const { createApp } = await import('../../app/index.js');
      // Signals are ours from before the server starts: a SIGTERM that comes while it is starting (a service manager,
      // or a script that stops it as soon as it answers) stops it cleanly once it has started, instead of killing it.
      let app: App | null = null;
      let requested: string | null = null;
      let stopping = false;
      const stop = (signal: string) => {
        if (!app) {
          requested ??= signal;
          return;
        }
        if (stopping) return;
        stopping = true;
        app.logger.info(`Received ${signal}, stopping: closing connections and flushing files.`);
        app.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            app?.logger.error({ err: error }, 'The server did not stop cleanly.');
            process.exit(1);
          },
        );
      };
      const onInterrupt = () => stop('SIGINT');
      const onTerminate = () => stop('SIGTERM');
      process.on('SIGINT', onInterrupt);
      process.on('SIGTERM', onTerminate);
      let started: App;
      let bound: { host: string; port: number };
      try {
        started = await createApp({ basedir: resolveBasedir(options.basedir), host: options.host, port: options.port });
        bound = await started.start();
      } catch (error) {
        process.off('SIGINT', onInterrupt);
        process.off('SIGTERM', onTerminate);
        throw error;
      }
      app = started;
      const everywhere = bound.host === '0.0.0.0' || bound.host === '::';
      const shown = everywhere ? '127.0.0.1' : bound.host;
      const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${bound.port}/`;
      app.logger.info(`Argonaut is listening on ${url}${everywhere ? ' on this machine' : ''} (basedir ${app.basedir.root})`);
      const reachable = reachableLine(bound.host, bound.port);
      if (reachable) app.logger.info(reachable);
      if (requested) stop(requested);
    });
}
