// The printers table: each host's printers with a state summary, refreshed by their host; one not refreshed lately is offline.
import type { Pool } from 'pg';
import type { PrinterEntry, PrinterRegistry, PrinterReport } from '../access-store.js';

interface PrinterRow {
  host_id: string;
  printer_id: string;
  name: string;
  state: Record<string, unknown>;
  base_url: string;
  updated_ms: string;
  offline: boolean;
}

export class PrinterTable implements PrinterRegistry {
  constructor(
    private readonly pool: Pool,
    /** Unrefreshed this long, a host's printers show as offline. */
    private readonly offlineAfterMs: number,
  ) {}

  async publish(hostId: string, printers: readonly PrinterReport[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM printers WHERE host_id = $1 AND NOT (printer_id = ANY($2::text[]))', [hostId, printers.map((p) => p.printerId)]);
      for (const printer of printers) {
        await client.query(
          `INSERT INTO printers (host_id, printer_id, name, state, base_url, updated_at) VALUES ($1, $2, $3, $4, $5, now())
           ON CONFLICT (host_id, printer_id) DO UPDATE SET name = $3, state = $4, base_url = $5, updated_at = now()`,
          [hostId, printer.printerId, printer.name, JSON.stringify(printer.state), printer.baseUrl],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async list(): Promise<PrinterEntry[]> {
    // The database's clock judges freshness, so hosts' clocks need not agree.
    const result = await this.pool.query<PrinterRow>(
      `SELECT host_id, printer_id, name, state, base_url, (extract(epoch FROM updated_at) * 1000)::bigint AS updated_ms,
              now() - updated_at > make_interval(secs => $1) AS offline
         FROM printers ORDER BY host_id, printer_id`,
      [this.offlineAfterMs / 1000],
    );
    return result.rows.map((row) => ({
      hostId: row.host_id,
      printerId: row.printer_id,
      name: row.name,
      state: row.state,
      baseUrl: row.base_url,
      updatedAt: Number(row.updated_ms),
      offline: row.offline,
    }));
  }
}
