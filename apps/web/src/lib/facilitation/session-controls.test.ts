import { afterEach, describe, expect, it } from 'vitest';
import { Facilitation, type SessionChannel } from './facilitation.svelte';
import { SessionControls } from './session-controls.svelte';

// The session bar's commands over a channel that answers as the server does (ok, or a Dutch refusal). The
// socket itself is proved in tests/e2e/facilitation.spec.ts against a real server.

class AnsweringChannel implements SessionChannel {
  sent: Record<string, unknown>[] = [];
  refuse: string | null = null;
  listener: ((message: unknown) => void) | null = null;
  sendSessionMessage(payload: string): boolean {
    const message = JSON.parse(payload) as Record<string, unknown>;
    this.sent.push(message);
    queueMicrotask(() =>
      this.listener?.(
        this.refuse
          ? { v: 1, t: 'error', id: message.id, code: 'invalid', message: this.refuse }
          : { v: 1, t: 'ok', id: message.id },
      ),
    );
    return true;
  }
  onSessionMessage(listener: (message: unknown) => void) {
    this.listener = listener;
    return () => (this.listener = null);
  }
  onSocketOpen() {
    return () => {};
  }
}

let facilitation: Facilitation | undefined;
afterEach(() => facilitation?.destroy());

function make() {
  const channel = new AnsweringChannel();
  facilitation = new Facilitation(channel);
  return { channel, controls: new SessionControls(facilitation), f: facilitation };
}

describe("the session bar's commands", () => {
  it('a preset starts the timer for that many minutes; extend adds a minute', async () => {
    const { channel, controls } = make();
    const started = controls.startTimer(5);
    expect(controls.busy).toBe(true);
    expect(await started).toBe(true);
    expect(controls.busy).toBe(false);
    await controls.extendTimer();
    expect(channel.sent.map(({ t, durationMs, byMs }) => ({ t, durationMs, byMs }))).toEqual([
      { t: 'timer.start', durationMs: 300_000, byMs: undefined },
      { t: 'timer.extend', durationMs: undefined, byMs: 60_000 },
    ]);
  });

  it('a typed duration starts the timer; one the server would refuse is marked and not sent', async () => {
    const { channel, controls } = make();
    controls.customTimer = 'straks';
    expect(await controls.startCustomTimer()).toBe(false);
    expect(controls.customInvalid).toBe(true);
    expect(channel.sent).toEqual([]);
    controls.customTimer = '1:30';
    expect(await controls.startCustomTimer()).toBe(true);
    expect(controls.customInvalid).toBe(false);
    expect(controls.customTimer).toBe('');
    expect(channel.sent[0]).toMatchObject({ t: 'timer.start', durationMs: 90_000 });
  });

  it("a refusal is kept in Dutch for the bar's alert and cleared by the next command that succeeds", async () => {
    const { channel, controls, f } = make();
    channel.refuse = 'Er loopt geen sessie.';
    expect(await controls.run({ t: 'summon' })).toBe(false);
    expect(f.lastError).toBe('Er loopt geen sessie.');
    expect(controls.busy).toBe(false);
    channel.refuse = null;
    expect(await controls.run({ t: 'summon' })).toBe(true);
    expect(f.lastError).toBeNull();
  });

  it('the step toggle closes an open step; "klaar" toggles her own mark', async () => {
    const { channel, controls } = make();
    await controls.toggleClosed('s4');
    await controls.toggleReady();
    expect(channel.sent[0]).toMatchObject({ t: 'step.close', stepId: 's4' });
    expect(channel.sent[1]).toMatchObject({ t: 'ready.set', ready: true });
  });
});
