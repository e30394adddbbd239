/** Re-renders its host once a second while a call is connected, for the call timer. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ElapsedTimeController implements ReactiveController {
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Ticks while `running` is true; idempotent. */
  set running(running: boolean) {
    if (running && this.timer === undefined) {
      this.timer = setInterval(() => this.host.requestUpdate(), 1000);
    } else if (!running && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  hostDisconnected(): void {
    this.running = false;
  }
}

/** `75_000` → `1:15`, `3_725_000` → `1:02:05`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
