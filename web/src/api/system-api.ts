// OctoPrint's system commands: the configured list (core and custom) and running one.
import type { ApiClient } from './api-client.js';

export interface SystemCommand {
  source: 'core' | 'custom' | 'plugin';
  action: string;
  name?: string;
  confirm?: string | false;
  fresh_credentials?: boolean;
}

export async function listSystemCommands(api: ApiClient): Promise<SystemCommand[]> {
  const body = await api.get<Partial<Record<SystemCommand['source'], SystemCommand[]>>>('api/system/commands');
  return [...(body.core ?? []), ...(body.custom ?? []), ...(body.plugin ?? [])];
}

export async function runSystemCommand(api: ApiClient, command: SystemCommand): Promise<void> {
  await api.post(`api/system/commands/${encodeURIComponent(command.source)}/${encodeURIComponent(command.action)}`);
}
