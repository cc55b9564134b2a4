import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_LOCK_FAILURES, ACCOUNT_LOCK_MS, LoginThrottle } from './throttle';
import { addMember, login, ORIGIN, tempDatabase, testApp, testClock } from './testing';

describe('LoginThrottle', () => {
  it('locks an account for 15 minutes after 10 failures, whatever the address', () => {
    const clock = testClock();
    const throttle = new LoginThrottle({ now: clock.now });
    for (let i = 0; i < ACCOUNT_LOCK_FAILURES; i++) {
      const ip = `192.0.2.${i}`;
      // After 5 free failures each attempt waits 1, 2, 4, 8 s: move the clock past each wait.
      clock.advance(20_000);
      expect(throttle.check('anja@school.nl', ip).allowed).toBe(true);
      throttle.failure('anja@school.nl', ip);
    }
    const locked = throttle.check('ANJA@school.nl', '198.51.100.1');
    expect(locked.allowed).toBe(false);
    expect(!locked.allowed && locked.retryAfterSeconds).toBe(ACCOUNT_LOCK_MS / 1000);
    clock.advance(ACCOUNT_LOCK_MS);
    expect(throttle.check('anja@school.nl', '198.51.100.1').allowed).toBe(true);
  });

  it('delays after 5 failures and forgets on success', () => {
    const clock = testClock();
    const throttle = new LoginThrottle({ now: clock.now });
    for (let i = 0; i < 5; i++) {
      expect(throttle.check('a@b.nl', '1.1.1.1').allowed).toBe(true);
      throttle.failure('a@b.nl', '1.1.1.1');
    }
    expect(throttle.check('a@b.nl', '1.1.1.1').allowed).toBe(true);
    throttle.failure('a@b.nl', '1.1.1.1'); // 6th failure: wait 1 s
    expect(throttle.check('a@b.nl', '1.1.1.1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1000);
    expect(throttle.check('a@b.nl', '1.1.1.1').allowed).toBe(true);
    throttle.success('a@b.nl');
    expect(throttle.failures('a@b.nl')).toBe(0);
  });

  it('limits one address that fails over many accounts', () => {
    const throttle = new LoginThrottle({ now: testClock().now });
    let allowed = 0;
    for (let i = 0; i < 100; i++) {
      if (!throttle.check(`user${i}@school.nl`, '203.0.113.7').allowed) break;
      allowed++;
      throttle.failure(`user${i}@school.nl`, '203.0.113.7');
    }
    expect(allowed).toBe(34); // 100 tokens, 3 per failure
    expect(throttle.check('someone@school.nl', '203.0.113.8').allowed).toBe(true);
  });

  it('keeps a bounded number of accounts in memory', () => {
    const throttle = new LoginThrottle({ now: testClock().now, maxKeys: 50 });
    for (let i = 0; i < 200; i++) throttle.failure(`u${i}@x.nl`, `10.0.${i}.1`);
    expect(throttle.failures('u0@x.nl')).toBe(0);
    expect(throttle.failures('u199@x.nl')).toBe(1);
  });
});

describe('login throttling through the route', () => {
  let temp: ReturnType<typeof tempDatabase>;
  beforeEach(() => {
    temp = tempDatabase();
  });
  afterEach(() => temp.cleanup());

  it('lets 40 teachers behind one NAT address log in within a minute, with a few typos', async () => {
    const { app, auth } = testApp(temp.db);
    const school = auth.schools.createSchool('De Regenboog');
    const teachers = [];
    for (let i = 0; i < 40; i++)
      teachers.push(await addMember(auth, school.id, `leerkracht${i}@regenboog.nl`, 'leerkracht'));
    const nat = '145.1.2.3';
    // Five of them mistype once first.
    for (const teacher of teachers.slice(0, 5)) {
      const wrong = await app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          body: JSON.stringify({ email: teacher.user.email, password: 'verkeerd-wachtwoord' }),
        },
        { incoming: { socket: { remoteAddress: nat } } },
      );
      expect(wrong.status).toBe(401);
    }
    const cookies = [];
    for (const teacher of teachers) cookies.push(await login(app, teacher.user.email, teacher.password, nat));
    expect(cookies).toHaveLength(40);
    expect(new Set(cookies).size).toBe(40);
  });

  it('answers 429 with Retry-After once an account is locked', async () => {
    const { app, auth } = testApp(temp.db);
    const school = auth.schools.createSchool('De Regenboog');
    const { user, password } = await addMember(auth, school.id, 'anja@regenboog.nl', 'leerkracht');
    const attempt = (pw: string) =>
      app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN },
          body: JSON.stringify({ email: user.email, password: pw }),
        },
        { incoming: { socket: { remoteAddress: '10.0.0.9' } } },
      );
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('verkeerd-wachtwoord')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    const blocked = await attempt(password); // even the right password waits now
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    expect((await blocked.json()) as unknown).toEqual({
      error: expect.stringMatching(/Te veel inlogpogingen/),
    });
  });
});
