import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, Unreachable, type Readiness, type ScanJob } from './api.js';

export interface LibraryStatus {
  /** The running or waiting scan, live from its event stream. */
  readonly active: ScanJob | null;
  /** The newest finished scan. */
  readonly last: ScanJob | null;
  readonly ready: Readiness | null;
  readonly unreachable: boolean;
  /** Bumped whenever a scan finishes, so views showing index contents reload. */
  readonly generation: number;
  /** Reads the scan list again (after starting one). */
  refresh(): Promise<void>;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * The library's state for the status bar: scans from GET /scans, the active one followed over Server-Sent Events,
 * readiness (model loading or downloading) until ready, and whether the server answers at all.
 */
export function useLibraryStatus(): LibraryStatus {
  const [scans, setScans] = useState<ScanJob[]>([]);
  const [live, setLive] = useState<ScanJob | null>(null);
  const [ready, setReady] = useState<Readiness | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [generation, setGeneration] = useState(0);
  const following = useRef<{ id: string; source: EventSource } | null>(null);

  const refresh = useCallback(async () => {
    try {
      const { scans: list } = await api.scans();
      setScans(list);
      setUnreachable(false);
      const active = list.find((s) => !FINISHED.has(s.status));
      if (active && following.current?.id !== active.id) follow(active);
    } catch (e) {
      if (e instanceof Unreachable) setUnreachable(true);
    }
  }, []);

  function follow(job: ScanJob) {
    following.current?.source.close();
    const source = api.scanEvents(job.id);
    following.current = { id: job.id, source };
    setLive(job);
    const update = (e: MessageEvent<string>) => setLive(JSON.parse(e.data) as ScanJob);
    source.addEventListener('progress', update);
    source.addEventListener('status', update);
    source.addEventListener('done', (e) => {
      update(e as MessageEvent<string>);
      source.close();
      if (following.current?.source === source) following.current = null;
      setGeneration((g) => g + 1);
      void refresh();
    });
    source.onerror = () => {
      source.close();
      if (following.current?.source === source) following.current = null;
    };
  }

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 4000);
    return () => {
      clearInterval(timer);
      following.current?.source.close();
    };
  }, [refresh]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      try {
        const r = await api.ready();
        if (stopped) return;
        setReady(r);
        if (r.status !== 'ready') timer = setTimeout(check, 1000);
      } catch {
        if (!stopped) timer = setTimeout(check, 2000);
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [unreachable]);

  const activeFromList = scans.find((s) => !FINISHED.has(s.status)) ?? null;
  const active = live && !FINISHED.has(live.status) ? live : activeFromList;
  // The newest finished scan: the one followed live, unless the list has a newer one (a scan that ran and
  // finished between two looks, e.g. a quick scope change).
  const liveDone = live && FINISHED.has(live.status) ? live : null;
  const listed = scans.find((s) => FINISHED.has(s.status)) ?? null;
  const last =
    liveDone && listed && liveDone.id !== listed.id
      ? finishedAt(listed) > finishedAt(liveDone)
        ? listed
        : liveDone
      : (liveDone ?? listed);
  return { active, last, ready, unreachable, generation, refresh };
}

function finishedAt(job: ScanJob): number {
  return job.finishedAt ? new Date(job.finishedAt).getTime() : 0;
}
