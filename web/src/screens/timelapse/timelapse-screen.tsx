// The Timelapse screen: rendered movies (play, download, delete), captures waiting to be rendered, and the settings.
import { useEffect, useState } from 'preact/hooks';
import { deleteTimelapse, deleteUnrendered, listTimelapses, renderUnrendered } from '../../api/timelapse-api.js';
import type { TimelapseMovie, UnrenderedTimelapse } from '../../api/timelapse-api.js';
import { useApp } from '../../app-context.js';
import { useConfirmation } from '../../components/confirm-dialog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { Panel } from '../../components/panel.js';
import { ProgressBar } from '../../components/progress-bar.js';
import { useAction, useLoad } from '../../lib/use-async.js';
import { TimelapseSettingsPanel } from './timelapse-settings.js';

/** Events after which the lists are fetched again. */
const RELOADING_EVENTS = new Set(['PrintStarted', 'PrintDone', 'PrintFailed', 'MovieRendering', 'MovieDone', 'MovieFailed']);

export function TimelapseScreen() {
  const { api, messages, can } = useApp();
  const listing = useLoad(() => listTimelapses(api), [api]);
  const [progress, setProgress] = useState<number | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const offProgress = messages.subscribe('renderProgress', (payload) => setProgress(Number((payload as { progress?: number }).progress ?? 0)));
    const offEvent = messages.subscribe('event', (payload) => {
      const { type, payload: data } = payload as { type: string; payload: Record<string, unknown> };
      if (!RELOADING_EVENTS.has(type)) return;
      if (type === 'MovieRendering') setProgress(0);
      if (type === 'MovieDone' || type === 'MovieFailed') setProgress(null);
      if (type === 'MovieFailed') setFailure(`Rendering ${String(data.movie_basename ?? 'the timelapse')} failed (${String(data.reason ?? 'unknown')}).`);
      listing.reload();
    });
    return () => {
      offProgress();
      offEvent();
    };
  }, [messages]);

  const remove = useAction(async (name: string) => {
    await deleteTimelapse(api, name);
    if (playing === name) setPlaying(null);
    listing.reload();
  });
  const render = useAction(async (name: string) => {
    setFailure(null);
    await renderUnrendered(api, name);
    listing.reload();
  });
  const dropCaptures = useAction(async (name: string) => {
    await deleteUnrendered(api, name);
    listing.reload();
  });
  const movieDeletion = useConfirmation((movie: TimelapseMovie) => void remove.run(movie.name));
  const captureDeletion = useConfirmation((group: UnrenderedTimelapse) => void dropCaptures.run(group.name));

  const movies = listing.data?.files ?? [];
  const unrendered = listing.data?.unrendered ?? [];
  return (
    <div class="grid timelapse-screen">
      <Panel title="Timelapse movies" class="span-2">
        {listing.data && movies.length === 0 ? <p>No timelapse movies yet.</p> : null}
        <ul class="timelapse-list">
          {movies.map((movie) => (
            <li key={movie.name} class="timelapse-item" data-movie={movie.name}>
              <div class="timelapse-name">
                <strong>{movie.display ?? movie.name}</strong>
                <span class="muted">
                  {movie.size} · {movie.date}
                </span>
              </div>
              <div class="button-row">
                <button type="button" onClick={() => setPlaying(playing === movie.name ? null : movie.name)} aria-label={`Play ${movie.name}`}>
                  {playing === movie.name ? 'Close' : 'Play'}
                </button>
                {can('TIMELAPSE_DOWNLOAD') ? (
                  <a class="button-link" href={movie.url} download={movie.name} aria-label={`Download ${movie.name}`}>
                    Download
                  </a>
                ) : null}
                {can('TIMELAPSE_DELETE') ? (
                  <button type="button" class="danger" onClick={() => movieDeletion.ask(movie)} aria-label={`Delete ${movie.name}`}>
                    Delete
                  </button>
                ) : null}
              </div>
              {playing === movie.name ? <video class="timelapse-video" src={movie.url} controls autoplay playsInline preload="metadata" /> : null}
            </li>
          ))}
        </ul>
        <ErrorMessage error={listing.error ?? remove.error} />
      </Panel>
      <Panel title="Unrendered timelapses" class="span-2">
        {progress !== null ? <ProgressBar value={progress} label="Rendering the timelapse" /> : null}
        {failure ? <p role="status">{failure}</p> : null}
        {listing.data && unrendered.length === 0 ? <p>No captures are waiting to be rendered.</p> : null}
        <ul class="timelapse-list">
          {unrendered.map((group) => (
            <li key={group.name} class="timelapse-item" data-unrendered={group.name}>
              <div class="timelapse-name">
                <strong>{group.name}</strong>
                <span class="muted">
                  {group.count} frames · {group.size} · {group.date}
                  {group.recording ? ' · recording' : ''}
                  {group.rendering ? ' · rendering' : ''}
                </span>
              </div>
              {can('TIMELAPSE_MANAGE_UNRENDERED') ? (
                <div class="button-row">
                  <button type="button" disabled={group.processing || render.busy} onClick={() => void render.run(group.name)} aria-label={`Render ${group.name}`}>
                    Render
                  </button>
                  <button type="button" class="danger" disabled={group.processing} onClick={() => captureDeletion.ask(group)} aria-label={`Delete the captures of ${group.name}`}>
                    Delete
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        <ErrorMessage error={render.error ?? dropCaptures.error} />
      </Panel>
      {listing.data ? <TimelapseSettingsPanel listing={listing.data} onSaved={() => listing.reload()} /> : null}
      {movieDeletion.dialog((movie) => ({ title: `Delete ${movie.name}?`, message: 'The movie file is removed from the server.', confirmLabel: 'Delete' }))}
      {captureDeletion.dialog((group) => ({ title: `Delete the captures of ${group.name}?`, message: `${group.count} frames are removed; they can no longer be rendered.`, confirmLabel: 'Delete' }))}
    </div>
  );
}
