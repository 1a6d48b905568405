/**
 * A tiny discrete-event runner for the demo seed: steps carry their own time and run in time order,
 * so the engine sees history in the order it happened (payout batches after the approvals they pay,
 * expiry after the referrals it expires). Steps may schedule later steps; steps after `now` are dropped.
 */
export class Plan {
  private steps: { at: number; seq: number; run: (at: Date) => Promise<void> }[] = [];
  private seq = 0;
  constructor(private readonly now: Date) {}

  at(when: Date, run: (at: Date) => Promise<void>): void {
    if (when.getTime() > this.now.getTime() - 60_000) return;
    this.steps.push({ at: when.getTime(), seq: this.seq++, run });
  }

  async run(): Promise<number> {
    let done = 0;
    while (this.steps.length > 0) {
      let next = 0;
      for (let i = 1; i < this.steps.length; i++) {
        const s = this.steps[i];
        const b = this.steps[next];
        if (s.at < b.at || (s.at === b.at && s.seq < b.seq)) next = i;
      }
      const [step] = this.steps.splice(next, 1);
      await step.run(new Date(step.at));
      done++;
    }
    return done;
  }
}

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
