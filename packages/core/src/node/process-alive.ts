/**
 * Whether a process of this machine still runs. EPERM means it does, under another user: signal 0 only asks, and
 * the system answers that the process exists but may not be signalled. The one check for every lock and pid file.
 */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
