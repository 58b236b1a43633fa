// The settings screen: printer name, API (CORS) and printer profiles beside the serial options.
import { getSettings } from '../../api/settings-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useLoad } from '../../lib/use-async.js';
import { ApiSettings } from './api-settings.js';
import { GeneralSettings } from './general-settings.js';
import { PrinterProfiles } from './printer-profiles.js';
import { SerialSettings } from './serial-settings.js';

export function SettingsScreen() {
  const { api } = useApp();
  const settings = useLoad(() => getSettings(api), [api]);
  const data = settings.data;
  const reload = (): void => settings.reload();
  return (
    <div class="stack">
      <ErrorMessage error={settings.error} />
      <div class="columns">
        <div class="stack">
          {data ? <GeneralSettings settings={data} onSaved={reload} /> : null}
          {data ? <ApiSettings settings={data} onSaved={reload} /> : null}
          <PrinterProfiles />
        </div>
        <div class="stack">{data ? <SerialSettings settings={data} onSaved={reload} /> : null}</div>
      </div>
    </div>
  );
}
