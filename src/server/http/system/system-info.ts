// The flat key → value map of GET /api/system/info (OctoPrint's systeminfo keys where they apply).
import { arch, cpus, release, totalmem } from 'node:os';
import { ARGONAUT_VERSION, OCTOPRINT_SERVER_VERSION } from '../../../shared/index.js';

export type SystemInfo = Record<string, string | number | boolean>;

export function systemInfo(userAgent: string | undefined): SystemInfo {
  const processors = cpus();
  return {
    'browser.user_agent': userAgent ?? '',
    'octoprint.version': OCTOPRINT_SERVER_VERSION,
    'octoprint.safe_mode': false,
    'argonaut.version': ARGONAUT_VERSION,
    'env.node.version': process.versions.node,
    'env.os.platform': process.platform,
    'env.os.release': release(),
    'env.os.arch': arch(),
    'env.os.bits': /64/.test(arch()) ? 64 : 32,
    'env.hardware.cores': processors.length,
    'env.hardware.freq': processors[0]?.speed ?? 0,
    'env.hardware.ram': totalmem(),
    'systeminfo.generator': 'systemapi',
  };
}
