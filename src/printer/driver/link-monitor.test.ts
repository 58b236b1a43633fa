// Unit tests of LinkMonitor's heat-up flag: it lasts until the ok of the blocking heat-up itself, not the ok of a line sent before it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LinkMonitor } from './link-monitor.js';
import { systemScheduler } from './scheduler.js';

function monitor(): LinkMonitor {
  const timings = { communication: 30, communicationBusy: 3, temperature: 5, temperatureAutoreport: 2, heatupResidency: 10, maxTimeoutsIdle: 2, maxTimeoutsPrinting: 5 };
  const hooks = { quietFor: () => -1, okWaitFor: () => -1, isPrinting: () => false, recover: () => undefined, giveUp: () => undefined, pollTemperature: () => undefined };
  return new LinkMonitor(systemScheduler(), () => timings, hooks);
}

describe('LinkMonitor heat-up', () => {
  it('with one line in flight, the next ok ends the heat-up', () => {
    const link = monitor();
    assert.equal(link.awaitingHeatup, false);
    link.heatingSent(1);
    assert.equal(link.awaitingHeatup, true);
    link.acknowledged();
    assert.equal(link.awaitingHeatup, false);
  });

  it('with advanced ok, the oks of M104 and M140 sent before M109 do not end it; the third ok does', () => {
    const link = monitor();
    // M104 S200, M140 S60, then M109 S200: three lines in flight when M109 goes out.
    link.heatingSent(3);
    link.acknowledged();
    assert.equal(link.awaitingHeatup, true, 'the ok of M104');
    link.acknowledged();
    assert.equal(link.awaitingHeatup, true, 'the ok of M140');
    link.acknowledged();
    assert.equal(link.awaitingHeatup, false, 'the ok of M109');
    link.acknowledged();
    assert.equal(link.awaitingHeatup, false);
  });

  it('a new connection forgets the heat-up', () => {
    const link = monitor();
    link.heatingSent(2);
    link.stop();
    assert.equal(link.awaitingHeatup, false);
  });
});
