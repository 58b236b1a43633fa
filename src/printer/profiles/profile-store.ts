// The printer profile store: printerProfiles/<id>.profile YAML files, the default profile, and the current selection.
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { atomicWriteSync, fileSignature, signatureOf } from '../../config/index.js';
import type { ConfigStore } from '../../config/index.js';
import { ArgonautError } from '../../shared/index.js';
import { DEFAULT_PROFILE_ID, defaultProfile, mergeDeep, sanitizeProfileId, validateProfile } from './printer-profile.js';
import type { PrinterProfile } from './printer-profile.js';

export interface SaveOptions {
  allowOverwrite: boolean;
  makeDefault: boolean;
}

interface CachedProfile {
  /** The file as read (see fileSignature). */
  signature: string;
  profile: PrinterProfile | null;
}

export class PrinterProfileStore {
  private current: string | null = null;
  private modifiedAt = 0;
  /** Parsed profiles by id, kept until refresh finds the file changed (the API reads profiles on every poll). */
  private readonly cache = new Map<string, CachedProfile>();

  constructor(
    private readonly folder: string,
    private readonly config: ConfigStore,
  ) {
    if (!this.exists(DEFAULT_PROFILE_ID)) this.write(defaultProfile());
  }

  /** When the profiles last changed (ms since the epoch), for ETags. */
  get lastModified(): number {
    return this.modifiedAt;
  }

  exists(id: string): boolean {
    return this.entry(id) !== null;
  }

  /** A profile, merged over the defaults; null when missing or invalid. */
  get(id: string): PrinterProfile | null {
    const profile = this.read(id);
    return profile && structuredClone(profile);
  }

  /** The same profile without a copy, for callers that only read it (the status routes, on every poll). */
  read(id: string): Readonly<PrinterProfile> | null {
    return this.entry(id)?.profile ?? null;
  }

  /**
   * Forgets the profiles whose files changed on disk (edited by hand, copied in, removed); the server calls this when
   * the folder changes. One stat per profile read so far.
   */
  refresh(): void {
    let changed = false;
    for (const [id, cached] of this.cache) {
      if (fileSignature(this.path(id)) === cached.signature) continue;
      this.cache.delete(id);
      changed = true;
    }
    if (changed) this.touch();
  }

  /** The cached file of a profile (profile null when invalid), read on first use and again after refresh found it changed. */
  private entry(id: string): CachedProfile | null {
    const clean = sanitizeProfileId(id);
    if (clean === null || clean !== id) return null;
    const cached = this.cache.get(id);
    if (cached) return cached;
    // A missing profile is not cached (ids come from requests), so one copied in is found at once.
    const stat = statSync(this.path(id), { throwIfNoEntry: false });
    if (!stat?.isFile()) return null;
    let profile: PrinterProfile | null = null;
    try {
      const raw: unknown = parse(readFileSync(this.path(id), 'utf8'), { version: '1.1' });
      const result = validateProfile(mergeDeep(raw, { id }));
      profile = 'profile' in result ? result.profile : null;
    } catch {
      profile = null;
    }
    const entry = { signature: signatureOf(stat), profile };
    this.cache.set(id, entry);
    return entry;
  }

  /** Every valid profile by id. */
  all(): Record<string, PrinterProfile> {
    const result: Record<string, PrinterProfile> = {};
    for (const entry of readdirSync(this.folder)) {
      if (!entry.endsWith('.profile') || entry.startsWith('.')) continue;
      const profile = this.get(entry.slice(0, -'.profile'.length));
      if (profile) result[profile.id] = profile;
    }
    return result;
  }

  defaultId(): string {
    const configured = this.config.config.printerProfiles.default;
    return configured && this.exists(configured) ? configured : DEFAULT_PROFILE_ID;
  }

  getDefault(): PrinterProfile {
    return this.get(this.defaultId()) ?? defaultProfile();
  }

  async setDefault(id: string): Promise<void> {
    if (!this.exists(id)) throw new ArgonautError('invalid', `Unknown profile: ${id}`);
    await this.config.set('printerProfiles.default', id);
    this.touch();
  }

  /** Selects the profile of the current connection (null deselects). Unknown ids select the default. */
  select(id: string | null): void {
    this.current = id !== null && this.exists(id) ? id : null;
    this.touch();
  }

  currentId(): string | null {
    return this.current;
  }

  currentOrDefault(): PrinterProfile {
    return structuredClone(this.readCurrentOrDefault());
  }

  /** {@link currentOrDefault} without a copy, for callers that only read it. */
  readCurrentOrDefault(): Readonly<PrinterProfile> {
    return (this.current !== null ? this.read(this.current) : null) ?? this.read(this.defaultId()) ?? defaultProfile();
  }

  /** Saves a profile (merged over the defaults). Throws invalid for a bad profile, conflict when it exists and may not be overwritten. */
  async save(input: Record<string, unknown>, options: SaveOptions): Promise<PrinterProfile> {
    const rawId = typeof input.id === 'string' ? input.id : typeof input.name === 'string' ? input.name : null;
    const id = rawId === null ? null : sanitizeProfileId(rawId);
    if (id === null) throw new ArgonautError('invalid', 'Profile is invalid');
    const result = validateProfile({ ...input, id });
    if ('error' in result) throw new ArgonautError('invalid', `Profile is invalid: ${result.error}`);
    if (!options.allowOverwrite && this.exists(id)) throw new ArgonautError('conflict', `Profile ${id} already exists and overwriting was not allowed`);
    this.write(result.profile);
    if (options.makeDefault) await this.setDefault(id);
    return result.profile;
  }

  /** Removes a profile; the default and the current profile cannot be removed (conflict), unknown ones are not-found. */
  remove(id: string): void {
    if (this.current === id) throw new ArgonautError('conflict', `Cannot delete currently selected profile: ${id}`);
    if (this.defaultId() === id) throw new ArgonautError('conflict', 'Cannot delete default profile');
    if (!this.exists(id)) throw new ArgonautError('not-found', `Unknown profile: ${id}`);
    rmSync(this.path(id));
    this.cache.delete(id);
    this.touch();
  }

  private write(profile: PrinterProfile): void {
    atomicWriteSync(this.path(profile.id), stringify(profile, { indent: 2 }));
    this.cache.delete(profile.id);
    this.touch();
  }

  private touch(): void {
    this.modifiedAt = Math.max(Date.now(), this.modifiedAt + 1);
  }

  private path(id: string): string {
    return join(this.folder, `${id}.profile`);
  }
}
