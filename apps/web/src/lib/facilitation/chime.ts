/**
 * The timer's end signal for those who want one: a single soft tone (two seconds, fading), made with Web
 * Audio so there is no sound file to load. Silent when the browser has no audio or blocks it.
 */
export function playChime(): void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass) return;
  try {
    const audio = new AudioContextClass();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = 587; // D5: clear without being shrill
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.12, audio.currentTime + 0.08);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 2);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 2.05);
    tone.onended = () => void audio.close();
  } catch {
    // No sound is fine: the visual change carries the signal.
  }
}

const SOUND_KEY = 'koers-timer-sound';

/** The person's choice of a sound at the timer's end (off unless she turned it on), per device. */
export function soundWanted(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'aan';
  } catch {
    return false;
  }
}

export function setSoundWanted(on: boolean): void {
  try {
    if (on) localStorage.setItem(SOUND_KEY, 'aan');
    else localStorage.removeItem(SOUND_KEY);
  } catch {
    // Private mode: the choice lasts this page only.
  }
}
