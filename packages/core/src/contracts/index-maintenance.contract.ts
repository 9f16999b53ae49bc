import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IndexMaintenance } from '../ports/index-maintenance.js';

export interface IndexMaintenanceHarness {
  /** Maintenance of a healthy, non-empty index. */
  readonly maintenance: IndexMaintenance;
  /** Damages the index below the ports (e.g. a duplicate path behind a unique index) so that inspect finds it. */
  damage(): Promise<void>;
  close(): Promise<void>;
}

/** The behaviour every IndexMaintenance must have. */
export function describeIndexMaintenanceContract(name: string, setup: () => Promise<IndexMaintenanceHarness>): void {
  describe(`IndexMaintenance contract: ${name}`, () => {
    let h: IndexMaintenanceHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('finds nothing wrong with a healthy index, and a repair of it harms nothing', async () => {
      expect(await h.maintenance.inspect()).toEqual([]);
      await h.maintenance.repair();
      expect(await h.maintenance.inspect()).toEqual([]);
    });

    it('says what is damaged, in words, and a repair leaves nothing to find (twice over)', async () => {
      await h.damage();
      const found = await h.maintenance.inspect();
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) {
        expect(p.kind).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(p.message.length).toBeGreaterThan(10);
        expect(p.count).toBeGreaterThan(0);
      }
      expect(await h.maintenance.inspect()).toEqual(found); // inspecting reads only
      const done = await h.maintenance.repair();
      expect(done.length).toBeGreaterThan(0);
      expect(await h.maintenance.inspect()).toEqual([]);
      await h.maintenance.repair();
      expect(await h.maintenance.inspect()).toEqual([]);
    });
  });
}
