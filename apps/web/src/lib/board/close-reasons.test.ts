import { describe, expect, it } from 'vitest';
import { closeReason } from './close-reasons';

describe('what the board page says when the server closes the sync socket', () => {
  it('says nothing permanent for codes the client retries by itself (1013 try again later, 1011, 1001)', () => {
    for (const code of [1001, 1006, 1011, 1013, null]) expect(closeReason(code)).toBeNull();
  });

  it('leaves login, a missing board and an outdated page to their own screens', () => {
    for (const code of [4401, 4404, 4426]) expect(closeReason(code)?.action).toBe('own-screen');
  });

  it('4409: another account’s client id — reload as whoever is logged in; the copy stays with its own account', () => {
    const reason = closeReason(4409)!;
    expect(reason.action).toBe('reload');
    expect(reason.title).toBe('Dit bord is hier geopend onder een ander account.');
    expect(reason.advice).toContain('Vernieuw de pagina');
    expect(reason.localCopy).toContain('bij het account waarmee je het schreef');
  });

  it('4410: the board cannot be loaded — an administrator repairs it; nothing was thrown away', () => {
    const reason = closeReason(4410)!;
    expect(reason.action).toBe('reload');
    expect(reason.advice).toContain('pnpm koers board repair');
    expect(reason.advice).toContain('er is niets weggegooid');
    expect(reason.localCopy).toContain('blijft op deze laptop bewaard');
  });

  it('4413: presence too large — close the other tabs and try again', () => {
    const reason = closeReason(4413)!;
    expect(reason.action).toBe('reload');
    expect(reason.advice).toContain('Sluit de andere tabbladen');
  });

  it('4422: an edit was refused — offers to set the copy aside, and says what disappears from the board', () => {
    const reason = closeReason(4422)!;
    expect(reason.action).toBe('set-aside');
    expect(reason.advice).toContain('zou hem bij elke verbinding opnieuw sturen');
    expect(reason.localCopy).toContain('verdwijnt dan van het bord');
    expect(reason.localCopy).toContain('kan hem niet terugzetten');
  });

  it('4403 and codes this version does not know: access lost, back to the boards', () => {
    for (const code of [4403, 4499]) {
      const reason = closeReason(code)!;
      expect(reason.action).toBe('back');
      expect(reason.title).toBe('Je hebt geen toegang (meer) tot dit bord.');
    }
  });

  it('gives every permanent code a heading, advice and a word about the copy on this device', () => {
    for (const code of [4400, 4403, 4409, 4410, 4413, 4422]) {
      const reason = closeReason(code)!;
      expect(reason.title.length * reason.advice.length * reason.localCopy.length).toBeGreaterThan(0);
    }
  });
});
