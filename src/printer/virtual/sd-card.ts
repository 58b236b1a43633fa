// The in-memory SD card of the virtual printer: files, the selected file, print position, and file writing (M28/M29).

export interface SdFile {
  /** The 8.3-style name the card lists (upper case). */
  readonly name: string;
  /** Optional long name, listed by `M20 L`. */
  readonly longName?: string;
  content: string;
}

export interface SdSeedFile {
  readonly name: string;
  readonly longName?: string;
  readonly content: string;
}

/** A couple of small files on a fresh card. */
export const DEFAULT_SD_FILES: readonly SdSeedFile[] = [
  {
    name: 'CUBE.GCO',
    longName: 'calibration-cube.gcode',
    content: ['G28', 'G90', 'M82', 'G92 E0', ...Array.from({ length: 20 }, (_, i) => `G1 X${10 + (i % 4) * 5} Y${10 + (i % 2) * 5} Z${(0.2 * (1 + Math.floor(i / 4))).toFixed(1)} E${(i * 0.5).toFixed(1)} F1800`), 'M84', ''].join('\n'),
  },
  { name: 'HELLO.GCO', longName: 'hello.gcode', content: 'M117 Hello from the SD card\nG4 P10\n' },
];

export class SdCard {
  private readonly files = new Map<string, SdFile>();
  /** Whether a card is inserted and mounted (M21 mounts, M22 releases). */
  mounted = true;
  private selected: SdFile | undefined;
  private position = 0;
  private printing = false;
  private writing: SdFile | undefined;

  constructor(seed: readonly SdSeedFile[] = DEFAULT_SD_FILES) {
    for (const file of seed) this.files.set(file.name.toUpperCase(), { ...file, name: file.name.toUpperCase() });
  }

  list(): readonly SdFile[] {
    return [...this.files.values()];
  }

  find(name: string): SdFile | undefined {
    const key = name.trim().replace(/^\//, '').toUpperCase();
    return this.files.get(key) ?? [...this.files.values()].find((file) => file.longName?.toUpperCase() === key);
  }

  size(file: SdFile): number {
    return file.content.length;
  }

  select(file: SdFile): void {
    this.selected = file;
    this.position = 0;
    this.printing = false;
  }

  get selectedFile(): SdFile | undefined {
    return this.selected;
  }

  get isPrinting(): boolean {
    return this.printing;
  }

  /** M24: starts or resumes printing the selected file; false when none is selected. */
  start(): boolean {
    if (!this.selected) return false;
    this.printing = true;
    return true;
  }

  /** M25. */
  pause(): void {
    this.printing = false;
  }

  /** M26 S<pos>. */
  seek(position: number): void {
    if (!this.selected) return;
    this.position = Math.max(0, Math.min(Math.floor(position), this.size(this.selected)));
  }

  /** M27: `[position, total]` of the selected file, or null without one. */
  progress(): [number, number] | null {
    return this.selected ? [this.position, this.size(this.selected)] : null;
  }

  /** Reads the next line of the file being printed, or null at the end (printing stops). */
  nextLine(): string | null {
    const file = this.selected;
    if (!file || !this.printing) return null;
    if (this.position >= file.content.length) {
      // Marlin closes the file at its end: M27 then says "Not SD printing" until the next M23.
      this.printing = false;
      this.selected = undefined;
      this.position = 0;
      return null;
    }
    const end = file.content.indexOf('\n', this.position);
    const stop = end < 0 ? file.content.length : end;
    const line = file.content.slice(this.position, stop).replace(/\r$/, '');
    this.position = end < 0 ? file.content.length : end + 1;
    return line;
  }

  /** M28: creates (or empties) a file and sends following lines into it. */
  beginWrite(name: string): SdFile {
    const key = name.trim().replace(/^\//, '').toUpperCase();
    const file: SdFile = { name: key, content: '' };
    this.files.set(key, file);
    if (this.selected?.name === key) this.selected = undefined;
    this.writing = file;
    return file;
  }

  get isWriting(): boolean {
    return this.writing !== undefined;
  }

  append(line: string): void {
    if (this.writing) this.writing.content += `${line}\n`;
  }

  /** M29. */
  endWrite(): void {
    this.writing = undefined;
  }

  /** M30: false when no such file. */
  delete(name: string): boolean {
    const file = this.find(name);
    if (!file) return false;
    this.files.delete(file.name);
    if (this.selected === file) {
      this.selected = undefined;
      this.printing = false;
    }
    return true;
  }
}
