// The settings screen: printer name, API (CORS) and printer profiles beside the serial options; follows changes made elsewhere.
import { getSettings } from '../../api/settings-api.js';
import { useApp, usePushEvent } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useLoad } from '../../lib/use-async.js';
import { ApiSettings } from './api-settings.js';
import { GcodeScripts } from './gcode-scripts.js';
import { CameraSettings } from './camera-settings.js';
import { EventSubscriptions } from './event-subscriptions.js';
import { GeneralSettings } from './general-settings.js';
import { PrinterProfiles } from './printer-profiles.js';
import { SerialSettings } from './serial-settings.js';
import { SettingsNotices } from './settings-notices.js';
import { TemperaturePresets } from './temperature-presets.js';
import { TerminalFilters } from './terminal-filters.js';
import { VirtualPrinterSettings } from './virtual-printer-settings.js';

export function SettingsScreen() {
  const { api, can } = useApp();
  const settings = useLoad(() => getSettings(api), [api]);
  const data = settings.data;
  const reload = (): void => settings.reload();
  // Saved elsewhere, or config.yaml changed on disk: forms without unsaved edits follow.
  usePushEvent(['SettingsUpdated'], reload);
  return (
    <div class="stack">
      <ErrorMessage error={settings.error} />
      <SettingsNotices notices={data?.argonaut} />
      <div class="columns">
        <div class="stack">
          {data ? <GeneralSettings settings={data} onSaved={reload} /> : null}
          {data ? <ApiSettings settings={data} onSaved={reload} /> : null}
          <PrinterProfiles />
          {data ? <TemperaturePresets settings={data} onSaved={reload} /> : null}
          {data ? <GcodeScripts settings={data} onSaved={reload} /> : null}
        </div>
        <div class="stack">
          {data ? <SerialSettings settings={data} onSaved={reload} /> : null}
          {data ? <VirtualPrinterSettings settings={data} onSaved={reload} /> : null}
          {data ? <TerminalFilters settings={data} onSaved={reload} /> : null}
          {data ? <CameraSettings settings={data} onSaved={reload} /> : null}
          {data?.events && can('SETTINGS') ? <EventSubscriptions settings={data} onSaved={reload} /> : null}
        </div>
      </div>
    </div>
  );
}
