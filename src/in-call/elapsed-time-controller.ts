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
