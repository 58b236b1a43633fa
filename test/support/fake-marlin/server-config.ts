// Test helper: config.yaml for a server whose only printer is a fake Marlin on a pseudo-terminal, and the skip reason without one.
import { availableBackends } from './pty-pair.js';

export interface FakeMarlinServerOptions {
  sdSupport?: boolean;
  /** serial.timeout entries (seconds), after `connection: 5`. */
  timeout?: Record<string, number>;
  /** Extra lines under `serial:`, already indented by two spaces. */
  serialExtra?: string;
}

/** Access control off, no discovery, no virtual printer; the pty offered as a port at 250000 baud. */
export function fakeMarlinServerConfig(port: string, options: FakeMarlinServerOptions = {}): string {
  const timeouts = Object.entries({ connection: 5, ...options.timeout }).map(([key, value]) => `    ${key}: ${value}\n`);
  return (
    `accessControl:\n  enabled: false\nfeature:\n  sdSupport: ${options.sdSupport === true}\n` +
    `plugins:\n  discovery:\n    enabled: false\n  virtual_printer:\n    enabled: false\n` +
    `serial:\n  additionalPorts: ['${port}']\n  baudrate: 250000\n  timeout:\n${timeouts.join('')}${options.serialExtra ?? ''}`
  );
}

/** `skip` for describe(): false when a pseudo-terminal can be made here, else the reason. */
export function withoutPty(): false | string {
  return availableBackends().length > 0 ? false : 'no pseudo-terminal: neither socat, @lydell/node-pty nor python3';
}
