// The settings screen: API (CORS), serial options and printer profiles.
import { getSettings } from '../../api/settings-api.js';
import { useApp } from '../../app-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useLoad } from '../../lib/use-async.js';
import { ApiSettings } from './api-settings.js';
import { PrinterProfiles } from './printer-profiles.js';
import { SerialSettings } from './serial-settings.js';

export function SettingsScreen() {
  const { api } = useApp();
  const settings = useLoad(() => getSettings(api), [api]);
  const data = settings.data;
  return (
    <div class="grid">
      <ErrorMessage error={settings.error} />
      {data ? <ApiSettings settings={data} onSaved={() => settings.reload()} /> : null}
      {data ? <SerialSettings settings={data} onSaved={() => settings.reload()} /> : null}
      <PrinterProfiles />
    </div>
  );
}
