// The custom controls of config.yaml, drawn as OctoPrint draws them: sections, buttons with inputs and sliders, confirm prompts, feedback.
import { useState } from 'preact/hooks';
import { customControls, runScript, sendCommandLines } from '../../api/control-api.js';
import { useApp } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Field } from '../../components/field.js';
import { Panel } from '../../components/panel.js';
import { RangeField } from '../../components/range-field.js';
import { useStore } from '../../lib/store.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { latestFeedback, parametersOf, readControls } from './custom-controls-model.js';
import type { ButtonNode, ControlNode, Feedback } from './custom-controls-model.js';
import { useControlAllowed } from './use-control.js';

function FeedbackLine({ feedback }: { feedback: Feedback }) {
  const { printer } = useApp();
  // Re-renders only when the feedback text changes, not on every log line.
  const text = useStore(printer, (s) => latestFeedback(feedback, s.logs));
  return text === null ? null : <output class="control-feedback">{text}</output>;
}

function ControlButton({ control }: { control: ButtonNode }) {
  const { api } = useApp();
  const allowed = useControlAllowed();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(control.inputs.map((input) => [input.parameter, input.default])));
  const action = useAction(async () => {
    const parameters = parametersOf(control.inputs, values);
    if (control.commands) await sendCommandLines(api, control.commands, parameters);
    else if (control.script) await runScript(api, control.script, parameters);
  });
  const confirmation = useConfirmation(() => void action.run());
  const set = (parameter: string) => (value: string | number) => setValues((current) => ({ ...current, [parameter]: String(value) }));
  return (
    <div class="custom-control">
      {control.inputs.map((input) =>
        input.slider ? (
          <RangeField key={input.parameter} label={input.name} value={Number(values[input.parameter])} min={input.slider.min} max={input.slider.max} step={input.slider.step} onValue={set(input.parameter)} />
        ) : (
          <Field key={input.parameter} label={input.name} value={values[input.parameter] ?? ''} onValue={set(input.parameter)} />
        ),
      )}
      <button type="button" disabled={!allowed || action.busy} onClick={() => (control.confirm ? confirmation.ask() : void action.run())}>
        {control.name}
      </button>
      {control.feedback ? <FeedbackLine feedback={control.feedback} /> : null}
      <ErrorMessage error={action.error} />
      {confirmation.dialog(() => ({ title: control.name, message: control.confirm ?? '', confirmLabel: 'Proceed' }))}
    </div>
  );
}

function ControlTree({ nodes }: { nodes: ControlNode[] }) {
  return (
    <>
      {nodes.map((node, index) => {
        if (node.kind === 'button') return <ControlButton key={index} control={node} />;
        if (node.kind === 'output') {
          return (
            <div key={index} class="custom-control">
              {node.name ? <span>{node.name}</span> : null}
              <FeedbackLine feedback={node.feedback} />
            </div>
          );
        }
        const body = (
          <div class={`custom-controls controls-${node.layout}`}>
            <ControlTree nodes={node.children} />
          </div>
        );
        if (!node.name) return <div key={index}>{body}</div>;
        return (
          <details key={index} class="control-section" open={!node.collapsed}>
            <summary>{node.name}</summary>
            {body}
          </details>
        );
      })}
    </>
  );
}

/** Nothing is drawn when config.yaml defines no controls. */
export function CustomControls() {
  const { api } = useApp();
  const controls = useLoad(() => customControls(api), [api]);
  const nodes = readControls(controls.data ?? []);
  if (nodes.length === 0 && !controls.error) return null;
  return (
    <Panel title="Custom controls">
      <ErrorMessage error={controls.error} />
      <div class="custom-controls controls-vertical">
        <ControlTree nodes={nodes} />
      </div>
    </Panel>
  );
}
