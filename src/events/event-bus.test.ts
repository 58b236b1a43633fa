// Tests of the typed event bus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventBus } from './event-bus.js';

describe('EventBus', () => {
  it('delivers to named and catch-all handlers until disposed', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const one = bus.on('Connected', (payload) => seen.push(`named:${payload.port}`));
    bus.onAny((name) => seen.push(`any:${name}`));
    bus.emit('Connected', { port: 'VIRTUAL', baudrate: 115200 });
    one.dispose();
    bus.emit('Connected', { port: 'VIRTUAL', baudrate: 115200 });
    assert.deepEqual(seen, ['named:VIRTUAL', 'any:Connected', 'any:Connected']);
  });

  it('resolves once() with the payload and times out otherwise', async () => {
    const bus = new EventBus();
    const waiting = bus.once('Disconnected', 1000);
    bus.emit('Disconnected', {});
    assert.deepEqual(await waiting, {});
    await assert.rejects(bus.once('Home', 10), /Timed out/);
  });

  it('reports a handler that throws to onHandlerError, and still delivers to the others', () => {
    const failures: string[] = [];
    const bus = new EventBus((error, name) => failures.push(`${name}: ${(error as Error).message}`));
    const seen: string[] = [];
    bus.on('Connected', () => {
      throw new Error('boom');
    });
    bus.on('Connected', () => seen.push('second'));
    bus.onAny((name) => seen.push(`any:${name}`));
    bus.emit('Connected', { port: 'VIRTUAL', baudrate: 115200 });
    assert.deepEqual(failures, ['Connected: boom']);
    assert.deepEqual(seen, ['second', 'any:Connected']);
  });
});
