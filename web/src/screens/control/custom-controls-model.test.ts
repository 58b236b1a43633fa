// Reading OctoPrint's custom controls: containers, buttons with inputs and sliders, scripts, confirm texts, feedback templates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestFeedback, parametersOf, readControls } from './custom-controls-model.js';
import type { ButtonNode, ContainerNode, OutputNode } from './custom-controls-model.js';

const CONTROLS = [
  {
    name: 'Fan',
    layout: 'horizontal',
    children: [
      { name: 'Enable Fan', type: 'parametric_command', command: 'M106 S%(speed)s', input: [{ name: 'Speed (0-255)', parameter: 'speed', default: 255, slider: { min: 0, max: 255 } }] },
      { name: 'Disable Fan', type: 'command', command: 'M107', confirm: 'Stop the fan?' },
    ],
  },
  { name: 'Reporting', children: [{ name: 'Position', commands: ['M114'], regex: 'X:(?P<x>[-\\d.]+) Y:([-\\d.]+)', template: 'X {x}, Y {1}' }, { regex: 'T:([\\d.]+)', template: 'Hotend {0} °C' }] },
  { name: 'Purge', script: 'custom/purge.gcode', input: [{ name: 'Length', parameter: 'length', default: '20' }] },
  { name: 'Nothing to do' },
  'not a control',
];

describe('custom controls', () => {
  it('reads sections, buttons, inputs, scripts and confirm texts as OctoPrint defines them', () => {
    const nodes = readControls(CONTROLS);
    assert.equal(nodes.length, 3, 'a control with nothing to do is left out');
    const fan = nodes[0] as ContainerNode;
    assert.equal(fan.kind, 'container');
    assert.equal(fan.layout, 'horizontal');
    const enable = fan.children[0] as ButtonNode;
    assert.deepEqual(enable.commands, ['M106 S%(speed)s']);
    assert.deepEqual(enable.inputs, [{ name: 'Speed (0-255)', parameter: 'speed', default: '255', slider: { min: 0, max: 255, step: 1 } }]);
    assert.equal((fan.children[1] as ButtonNode).confirm, 'Stop the fan?');
    const purge = nodes[2] as ButtonNode;
    assert.equal(purge.script, 'custom/purge.gcode');
    assert.equal(purge.commands, null);
    assert.deepEqual(parametersOf(purge.inputs, {}), { length: 20 });
    assert.deepEqual(parametersOf(enable.inputs, { speed: '128' }), { speed: 128 });
  });

  it('shows the latest matching received line through the template', () => {
    const reporting = readControls(CONTROLS)[1] as ContainerNode;
    const position = reporting.children[0] as ButtonNode;
    const lines = ['Send: M114', 'Recv: X:1.00 Y:2.00 Z:0.00 E:0.00', 'Recv: ok', 'Recv: X:10.50 Y:-3.00 Z:0.00 E:0.00'];
    assert.equal(latestFeedback(position.feedback!, lines), 'X 10.50, Y -3.00');
    const temperature = reporting.children[1] as OutputNode;
    assert.equal(temperature.kind, 'output');
    assert.equal(latestFeedback(temperature.feedback, ['Recv: ok T:201.5 /210.0']), 'Hotend 201.5 °C');
    assert.equal(latestFeedback(temperature.feedback, ['Send: T:1']), null, 'sent lines are not feedback');
  });
});
