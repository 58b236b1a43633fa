// Edits a printer profile's main figures: name, model, build volume, heated bed/chamber and extruders.
import { useState } from 'preact/hooks';
import type { PrinterProfile } from '../../api/types.js';
import { Checkbox, Field } from '../../components/field.js';
import { FormDialog } from '../../components/form-dialog.js';
import { useAction } from '../../lib/use-async.js';

export interface ProfileDialogProps {
  /** The profile to edit, or null to add one. */
  profile: PrinterProfile | null;
  onSave(changes: Partial<PrinterProfile>): Promise<void>;
  onClose(): void;
}

export function ProfileDialog({ profile, onSave, onClose }: ProfileDialogProps) {
  const [name, setName] = useState(profile?.name ?? '');
  const [id, setId] = useState('');
  const [model, setModel] = useState(profile?.model ?? '');
  const [width, setWidth] = useState(String(profile?.volume.width ?? 200));
  const [depth, setDepth] = useState(String(profile?.volume.depth ?? 200));
  const [height, setHeight] = useState(String(profile?.volume.height ?? 200));
  const [heatedBed, setHeatedBed] = useState(profile?.heatedBed ?? true);
  const [heatedChamber, setHeatedChamber] = useState(profile?.heatedChamber ?? false);
  const [extruders, setExtruders] = useState(String(profile?.extruder.count ?? 1));
  const [nozzle, setNozzle] = useState(String(profile?.extruder.nozzleDiameter ?? 0.4));
  const save = useAction(async () => {
    const changes: Partial<PrinterProfile> = {
      name: name.trim(),
      model: model.trim(),
      heatedBed,
      heatedChamber,
      volume: { ...(profile?.volume ?? { formFactor: 'rectangular', origin: 'lowerleft' }), width: Number(width), depth: Number(depth), height: Number(height) },
      extruder: { ...(profile?.extruder ?? { offsets: [[0, 0]] }), count: Number(extruders), nozzleDiameter: Number(nozzle) },
    };
    if (!profile) changes.id = id.trim() || name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
    await onSave(changes);
    onClose();
  });
  return (
    <FormDialog
      title={profile ? `Edit ${profile.name}` : 'Add a printer profile'}
      class="wide"
      onSubmit={() => void save.run()}
      onClose={onClose}
      error={save.error}
      busy={save.busy}
      submitLabel="Save profile"
      incomplete={!name.trim()}
    >
      <div class="form-grid">
        <Field label="Name" value={name} onValue={setName} required autofocus />
        {!profile ? <Field label="Identifier" value={id} onValue={setId} hint="Letters, digits and _; made from the name when empty." /> : null}
        <Field label="Model" value={model} onValue={setModel} />
        <Field label="Width (mm)" type="number" min="1" step="any" value={width} onValue={setWidth} required />
        <Field label="Depth (mm)" type="number" min="1" step="any" value={depth} onValue={setDepth} required />
        <Field label="Height (mm)" type="number" min="1" step="any" value={height} onValue={setHeight} required />
        <Field label="Extruders" type="number" min="1" max="10" step="1" value={extruders} onValue={setExtruders} required />
        <Field label="Nozzle diameter (mm)" type="number" min="0.05" step="any" value={nozzle} onValue={setNozzle} required />
      </div>
      <Checkbox label="Heated bed" checked={heatedBed} onChange={setHeatedBed} />
      <Checkbox label="Heated chamber" checked={heatedChamber} onChange={setHeatedChamber} />
    </FormDialog>
  );
}
