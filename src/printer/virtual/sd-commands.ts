// SD card commands of the virtual printer (M20-M30), answered the way Marlin answers them.
import { commandArgument, hasParameter, numericParameter } from '../protocol/index.js';
import type { SdCard } from './sd-card.js';

export interface SdCommandHost {
  emit(line: string): void;
  /** M27 S<n>: reports SD progress every n seconds (0 stops). */
  setSdReportInterval(seconds: number): void;
  /** M24 started or resumed a print: the printer must start reading lines from the card. */
  sdPrintStarted(): void;
}

const SD_CODES = new Set(['M20', 'M21', 'M22', 'M23', 'M24', 'M25', 'M26', 'M27', 'M28', 'M29', 'M30']);

/** The status line of M27. */
export function sdStatusLine(card: SdCard): string {
  const progress = card.progress();
  return progress ? `SD printing byte ${progress[0]}/${progress[1]}` : 'Not SD printing';
}

/** Runs an SD command; returns false when `code` is not one (the caller handles it). */
export function runSdCommand(code: string, command: string, card: SdCard | undefined, host: SdCommandHost): boolean {
  if (!SD_CODES.has(code)) return false;
  if (!card) {
    host.emit(`echo:Unknown command: "${command}"`);
    return true;
  }
  if (code === 'M21') {
    card.mounted = true;
    host.emit('echo:SD card ok');
    return true;
  }
  if (code === 'M22') {
    card.pause();
    card.mounted = false;
    host.emit('echo:SD card released');
    return true;
  }
  if (code === 'M29') {
    // Writing ends in the printer before commands run; an M29 outside a write is answered all the same.
    card.endWrite();
    host.emit('Done saving file.');
    return true;
  }
  if (!card.mounted) {
    host.emit('echo:No media');
    return true;
  }
  switch (code) {
    case 'M20': {
      const long = hasParameter(command, 'L');
      host.emit('Begin file list');
      for (const file of card.list()) host.emit(`${file.name} ${card.size(file)}${long && file.longName ? ` ${file.longName}` : ''}`);
      host.emit('End file list');
      return true;
    }
    case 'M23': {
      const name = commandArgument(command);
      const file = card.find(name);
      if (!file) {
        host.emit(`echo:open failed, File: ${name}.`);
        return true;
      }
      card.select(file);
      host.emit(`echo:Now fresh file: ${name}`);
      host.emit(`File opened: ${name} Size: ${card.size(file)}`);
      host.emit('File selected');
      return true;
    }
    case 'M24':
      if (card.start()) host.sdPrintStarted();
      return true;
    case 'M25':
      card.pause();
      return true;
    case 'M26': {
      const position = numericParameter(command, 'S');
      if (position !== undefined) card.seek(position);
      return true;
    }
    case 'M27': {
      const interval = numericParameter(command, 'S');
      if (interval !== undefined) host.setSdReportInterval(interval);
      else host.emit(sdStatusLine(card));
      return true;
    }
    case 'M28': {
      const name = commandArgument(command);
      card.beginWrite(name);
      host.emit(`Writing to file: ${name}`);
      return true;
    }
    default: {
      const name = commandArgument(command);
      host.emit(card.delete(name) ? `File deleted:${name}` : `Deletion failed, File: ${name}.`);
      return true;
    }
  }
}
