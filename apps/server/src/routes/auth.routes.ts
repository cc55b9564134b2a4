import { Hono } from 'hono';
import { z } from 'zod';
import { httpError, requireLogin, type AuthEnv } from '../auth/access';
import { clientIpFromContext } from '../auth/client-ip';
import { deleteSessionCookie, setSessionCookie } from '../auth/cookies';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { generateSessionToken } from '../auth/session';
import type { AuthServices } from '../auth/services';
import { EMAIL_MAX_LENGTH } from '../contract/limits';
import { guard, jsonBody } from '../http/validate';
import { JSON_OBJECT_EXPECTED } from './auth.helpers';

/** The one answer to every failed login, whether the address exists or not. */
export const LOGIN_FAILED = 'E-mailadres of wachtwoord onjuist.';

const FILL_IN = 'Vul je e-mailadres en wachtwoord in.';

/** `POST /api/auth/login`: the e-mail address is trimmed and lower-cased, the password kept as typed. */
export const loginBody = z.object(
  {
    email: z.string({ error: FILL_IN }).trim().toLowerCase().min(1, { error: FILL_IN }),
    password: z.string({ error: FILL_IN }).min(1, { error: FILL_IN }),
    /** The school to act for (a user of several schools); default: the first. */
    schoolId: z.string().trim().optional().catch(undefined),
  },
  { error: JSON_OBJECT_EXPECTED },
);

/** `POST /api/auth/school`: the school this session acts for from now. */
export const switchSchoolBody = z.object(
  { schoolId: z.string().trim().catch('') },
  { error: JSON_OBJECT_EXPECTED },
);

/** `POST /api/auth/password`: both passwords exactly as typed (checked in the handler, throttled). */
export const changePasswordBody = z.object(
  { currentPassword: z.string().catch(''), newPassword: z.string().catch('') },
  { error: JSON_OBJECT_EXPECTED },
);

/**
 * `/api/auth/*`: login, logout, who am I, change password, switch school. Mount with `app.route('/', routes.auth)`.
 * Login is throttled per account and per address (see `auth/throttle.ts`) and answers one generic error.
 */
export function createAuthRoutes(services: AuthServices) {
  const { schools, sessions, throttle, audit, access, cookie, events } = services;

  return (
    new Hono<AuthEnv>()
      .use('/api/auth/*', access.withActor)
      // Access check: login is open to everyone; the throttle is its gate.
      .post('/api/auth/login', jsonBody(loginBody), async (c) => {
        const { email, password, schoolId: wanted } = c.req.valid('json');
        if (email.length > EMAIL_MAX_LENGTH || password.length > 1024) throw httpError(401, LOGIN_FAILED);

        const ip = clientIpFromContext(c, services.trustProxy);
        const decision = throttle.check(email, ip);
        if (!decision.allowed) {
          const minutes = Math.ceil(decision.retryAfterSeconds / 60);
          const error =
            decision.retryAfterSeconds < 60
              ? `Te veel inlogpogingen. Probeer het over ${decision.retryAfterSeconds} seconden opnieuw.`
              : `Te veel inlogpogingen. Probeer het over ${minutes} minuten opnieuw.`;
          // Answered, not thrown: the app's error handler rebuilds thrown errors and would drop Retry-After.
          return c.json({ error }, 429, { 'Retry-After': String(decision.retryAfterSeconds) });
        }

        const user = schools.findUserByEmail(email);
        const passwordHash = user ? schools.getPasswordHash(user.id) : null;
        const ok =
          user && passwordHash
            ? await verifyPassword(passwordHash, password)
            : await verifyAgainstDummy(password);
        if (!ok || !user) {
          throttle.failure(email, ip);
          throw httpError(401, LOGIN_FAILED);
        }
        throttle.success(email);

        const memberships = schools.membershipsOf(user.id);
        const membership = memberships.find((m) => m.schoolId === wanted) ?? memberships[0];
        if (!membership)
          throw httpError(403, 'Je account hoort bij geen school. Vraag je leider om een uitnodiging.');
        const school = schools.getSchool(membership.schoolId);
        if (!school)
          throw httpError(403, 'Je account hoort bij geen school. Vraag je leider om een uitnodiging.');

        // A new session on every login; a session this browser still had is ended (no session fixation).
        const previous = c.var.actor;
        if (previous.kind === 'member') sessions.invalidateSession(previous.session.id);
        const token = generateSessionToken();
        const session = sessions.createSession(token, user.id, school.id);
        setSessionCookie(c, cookie, token, session.expiresAt, services.now());
        audit.record({
          actorUserId: user.id,
          schoolId: school.id,
          action: 'login.success',
          subjectId: user.id,
        });
        return c.json({ user, school, role: membership.role });
      })
      .post(
        '/api/auth/school',
        guard((c) => requireLogin(c.var.actor)),
        jsonBody(switchSchoolBody),
        async (c) => {
          // Switch the school this session acts for (a user with several schools): a fresh session for it.
          const actor = requireLogin(c.var.actor);
          const { schoolId } = c.req.valid('json');
          const membership = schools.getMembership(actor.user.id, schoolId);
          const school = membership ? schools.getSchool(schoolId) : null;
          if (!membership || !school) throw httpError(404, 'Niet gevonden.');
          sessions.invalidateSession(actor.session.id);
          const token = generateSessionToken();
          const session = sessions.createSession(token, actor.user.id, school.id);
          setSessionCookie(c, cookie, token, session.expiresAt, services.now());
          return c.json({ user: actor.user, school, role: membership.role });
        },
      )
      .post('/api/auth/logout', (c) => {
        // Access check: anyone may log out; only a member session has something to end.
        const actor = c.var.actor;
        if (actor.kind === 'member') {
          sessions.invalidateSession(actor.session.id);
          events.emit({ kind: 'session', userId: actor.user.id, sessionId: actor.session.id });
        }
        deleteSessionCookie(c, cookie);
        return c.json({ ok: true });
      })
      .get('/api/auth/me', (c) => {
        const actor = requireLogin(c.var.actor);
        const others = schools
          .membershipsOf(actor.user.id)
          .map((m) => ({ id: m.schoolId, name: schools.getSchool(m.schoolId)?.name ?? '', role: m.role }));
        return c.json({ user: actor.user, school: actor.school, role: actor.role, schools: others });
      })
      .post(
        '/api/auth/password',
        guard((c) => requireLogin(c.var.actor)),
        jsonBody(changePasswordBody),
        async (c) => {
          const actor = requireLogin(c.var.actor);
          const { currentPassword: current, newPassword: next } = c.req.valid('json');
          const ip = clientIpFromContext(c, services.trustProxy);
          // The current-password check is a password oracle too: same throttle as login.
          const decision = throttle.check(actor.user.email, ip);
          if (!decision.allowed) {
            return c.json({ error: 'Te veel pogingen. Probeer het later opnieuw.' }, 429, {
              'Retry-After': String(decision.retryAfterSeconds),
            });
          }
          const hash = schools.getPasswordHash(actor.user.id);
          if (!hash || !(await verifyPassword(hash, current))) {
            throttle.failure(actor.user.email, ip);
            throw httpError(400, 'Je huidige wachtwoord klopt niet.');
          }
          throttle.success(actor.user.email);
          const problem = passwordProblem(next, actor.user.email);
          if (problem) throw httpError(400, problem);
          schools.setPasswordHash(actor.user.id, await hashPassword(next));
          // Every other session ends: whoever knew the old password is logged out everywhere else.
          sessions.invalidateUserSessions(actor.user.id, actor.session.id);
          events.emit({ kind: 'sessions', userId: actor.user.id, keepSessionId: actor.session.id });
          audit.record({
            actorUserId: actor.user.id,
            schoolId: actor.school.id,
            action: 'user.password-change',
            subjectId: actor.user.id,
          });
          return c.json({ ok: true });
        },
      )
  );
}
