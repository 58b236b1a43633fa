// What the Control tab's panels share: whether the printer may be moved now, and the position the firmware last reported.
import { useEffect, useState } from 'preact/hooks';
import { sendCommandLines } from '../../api/control-api.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { useStore } from '../../lib/store.js';

export interface Position {
  x: number;
  y: number;
  z: number;
}

/** True when the printer takes manual commands: connected, and not printing (a paused print allows them). */
export function useControlAllowed(): boolean {
  const { can, printer } = useApp();
  const state = useStore(printer, (s) => s.state);
  return can('CONTROL') && state.flags.operational && (!state.flags.printing || state.flags.paused);
}

/** The position from the printer's M114 answers (PositionUpdate events); asks for one when the printer is ready. */
export function usePosition(): { position: Position | null; refresh(): Promise<void> } {
  const { api } = useApp();
  const allowed = useControlAllowed();
  const [position, setPosition] = useState<Position | null>(null);
  usePushEvent(['PositionUpdate'], (_type, payload) => {
    const report = payload as Partial<Position> | null;
    if (report && typeof report.x === 'number' && typeof report.y === 'number' && typeof report.z === 'number') {
      setPosition({ x: report.x, y: report.y, z: report.z });
    }
  });
  const refresh = (): Promise<void> => sendCommandLines(api, ['M114']);
  useEffect(() => {
    if (allowed) void refresh().catch(() => undefined);
  }, [allowed]);
  return { position, refresh };
}
