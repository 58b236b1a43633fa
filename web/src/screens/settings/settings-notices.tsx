// What the server says about config.yaml on the settings screen: settings that wait for a restart, a file it cannot read.
import type { Settings } from '../../api/types.js';

export function SettingsNotices({ notices }: { notices: Settings['argonaut'] }) {
  if (!notices) return null;
  const { restartNeeded, configProblem } = notices;
  return (
    <>
      {configProblem ? (
        <p class="error-message" role="alert">
          The server cannot read config.yaml, so it keeps the settings it had and saves nothing until the file is fixed: {configProblem}
        </p>
      ) : null}
      {restartNeeded.length > 0 ? (
        <p class="notice" role="status">
          Restart Argonaut to apply {restartNeeded.length === 1 ? 'this changed setting' : 'these changed settings'}: {restartNeeded.join(', ')}.
        </p>
      ) : null}
    </>
  );
}
