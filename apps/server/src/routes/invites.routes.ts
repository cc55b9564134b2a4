import { Hono } from 'hono';
import { httpError, requireMember, type AuthEnv } from '../auth/access';
import { setSessionCookie } from '../auth/cookies';
import type { Invite, InviteRefusal } from '../auth/invites';
import { hashPassword, passwordProblem } from '../auth/password';
import { generateSessionToken } from '../auth/session';
import type { AuthServices } from '../auth/services';
import { transaction } from '../db/sqlite';
import { DuplicateError, isRole, isValidEmail, normalizeEmail, type User } from '../schools/school-store';
import { linkOrigin, rawStringField, readJsonObject, stringField } from './auth.helpers';

/** The path of the web app's page that opens an invite (the token follows). */
export const INVITE_PAGE_PATH = '/uitnodiging/';

const REFUSALS: Record<InviteRefusal, { status: 404 | 410; message: string }> = {
  unknown: {
    status: 404,
    message: 'Deze uitnodiging bestaat niet. Controleer de link of vraag je leider om een nieuwe.',
  },
  expired: { status: 410, message: 'Deze uitnodiging is verlopen. Vraag je leider om een nieuwe.' },
  used: {
    status: 410,
    message: 'Deze uitnodiging is al gebruikt. Log in, of vraag je leider om een nieuwe.',
  },
  revoked: { status: 410, message: 'Deze uitnodiging is ingetrokken. Vraag je leider om een nieuwe.' },
};

function status(invite: Invite, now: number): 'open' | 'used' | 'expired' | 'revoked' {
  if (invite.revokedAt !== null) return 'revoked';
  if (invite.uses >= invite.maxUses) return 'used';
  if (now >= invite.expiresAt) return 'expired';
  return 'open';
}

function inviteView(invite: Invite, now: number) {
  return {
    id: invite.id,
    kind: invite.kind,
    email: invite.email,
    role: invite.role,
    uses: invite.uses,
    maxUses: invite.maxUses,
    createdAt: new Date(invite.createdAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
    status: status(invite, now),
  };
}

/**
 * Invites. For the leider (`members:manage`): `POST/GET /api/school/invites`, `DELETE /api/school/invites/:id`.
 * Public (the token is the capability): `GET /api/invites/:token` (school name and role only) and
 * `POST /api/invites/:token/accept` (new account with a password, or, when logged in, join with the
 * current account), which logs the person in. Mount with `app.route('/', routes.invites)`.
 */
export function createInvitesRoutes(services: AuthServices) {
  const { schools, sessions, invites, audit, access, cookie } = services;

  return new Hono<AuthEnv>()
    .use('/api/school/invites', access.withActor)
    .use('/api/school/invites/*', access.withActor)
    .use('/api/invites/*', access.withActor)
    .post('/api/school/invites', async (c) => {
      const actor = requireMember(c.var.actor, 'members:manage');
      const body = await readJsonObject(c);
      let created: { invite: Invite; token: string };
      if (body.kind === 'person') {
        const email = normalizeEmail(stringField(body, 'email') ?? '');
        if (!isValidEmail(email)) throw httpError(400, 'Vul een geldig e-mailadres in.');
        const role = body.role ?? 'leerkracht';
        if (!isRole(role)) throw httpError(400, 'Kies de rol leider of leerkracht.');
        const existing = schools.findUserByEmail(email);
        if (existing && schools.getMembership(existing.id, actor.school.id)) {
          throw httpError(409, 'Deze persoon is al lid van de school.');
        }
        created = invites.createPersonInvite({
          schoolId: actor.school.id,
          email,
          role,
          createdBy: actor.user.id,
        });
      } else if (body.kind === 'team') {
        const days = body.days === undefined ? undefined : Number(body.days);
        const maxUses = body.maxUses === undefined ? undefined : Number(body.maxUses);
        if ((days !== undefined && !(days > 0)) || (maxUses !== undefined && !(maxUses >= 1))) {
          throw httpError(400, 'Geef een geldige geldigheidsduur en een maximum aantal aanmeldingen.');
        }
        created = invites.createTeamLink({
          schoolId: actor.school.id,
          createdBy: actor.user.id,
          days,
          maxUses,
        });
      } else {
        throw httpError(400, 'Kies een persoonlijke uitnodiging of een teamlink.');
      }
      audit.record({
        actorUserId: actor.user.id,
        schoolId: actor.school.id,
        action: 'member.invite',
        subjectId: created.invite.id,
        details: { kind: created.invite.kind, role: created.invite.role, maxUses: created.invite.maxUses },
      });
      return c.json(
        {
          invite: inviteView(created.invite, services.now()),
          // The token is shown this once: only its hash is stored.
          token: created.token,
          url: `${linkOrigin(c, services.publicUrl)}${INVITE_PAGE_PATH}${created.token}`,
        },
        201,
      );
    })
    .get('/api/school/invites', (c) => {
      const actor = requireMember(c.var.actor, 'members:manage');
      const now = services.now();
      return c.json({
        invites: invites.listForSchool(actor.school.id).map((invite) => inviteView(invite, now)),
      });
    })
    .delete('/api/school/invites/:id', (c) => {
      const actor = requireMember(c.var.actor, 'members:manage');
      const invite = invites.get(c.req.param('id'));
      if (!invite || invite.schoolId !== actor.school.id)
        throw httpError(404, 'Deze uitnodiging bestaat niet.');
      invites.revoke(invite.id);
      audit.record({
        actorUserId: actor.user.id,
        schoolId: actor.school.id,
        action: 'invite.revoke',
        subjectId: invite.id,
      });
      return c.json({ ok: true });
    })
    .get('/api/invites/:token', (c) => {
      // Access check: the token is the capability; it reveals the school's name and the role, nothing more.
      const checked = invites.check(c.req.param('token'));
      if (!checked.ok) throw httpError(REFUSALS[checked.reason].status, REFUSALS[checked.reason].message);
      const school = schools.getSchool(checked.invite.schoolId);
      if (!school) throw httpError(404, REFUSALS.unknown.message);
      return c.json({
        school: { name: school.name },
        role: checked.invite.role,
        kind: checked.invite.kind,
        expiresAt: new Date(checked.invite.expiresAt).toISOString(),
      });
    })
    .post('/api/invites/:token/accept', async (c) => {
      // Access check: the token is the capability; claiming a use is atomic with creating the account.
      const checked = invites.check(c.req.param('token'));
      if (!checked.ok) throw httpError(REFUSALS[checked.reason].status, REFUSALS[checked.reason].message);
      const invite = checked.invite;
      const school = schools.getSchool(invite.schoolId);
      if (!school) throw httpError(404, REFUSALS.unknown.message);
      const body = await readJsonObject(c);
      const actor = c.var.actor;

      let user: User;
      if (actor.kind === 'member') {
        // Logged in already (e.g. an IB-er of two schools): join with this account, no new password.
        if (invite.kind === 'person' && invite.email !== actor.user.email) {
          throw httpError(
            403,
            'Deze uitnodiging is voor een ander e-mailadres. Log uit en open de link opnieuw.',
          );
        }
        if (schools.getMembership(actor.user.id, school.id))
          throw httpError(409, 'Je bent al lid van deze school.');
        user = actor.user;
        const joined = transaction(schools.db, () => {
          if (!invites.claim(invite.id)) return false;
          schools.addMembership(user.id, school.id, invite.role);
          return true;
        });
        if (!joined) throw httpError(410, REFUSALS.used.message);
      } else {
        const email =
          invite.kind === 'person' ? (invite.email ?? '') : normalizeEmail(stringField(body, 'email') ?? '');
        if (!isValidEmail(email)) throw httpError(400, 'Vul een geldig e-mailadres in.');
        const name = stringField(body, 'name') ?? '';
        if (!name || name.length > 100) throw httpError(400, 'Vul je naam in (hoogstens 100 tekens).');
        const password = rawStringField(body, 'password') ?? '';
        const problem = passwordProblem(password, email);
        if (problem) throw httpError(400, problem);
        if (schools.findUserByEmail(email)) {
          throw httpError(
            409,
            'Er bestaat al een account met dit e-mailadres. Log eerst in en open de uitnodiging daarna opnieuw.',
          );
        }
        const passwordHash = await hashPassword(password);
        let created: User | null;
        try {
          created = transaction(schools.db, () => {
            if (!invites.claim(invite.id)) return null;
            const newUser = schools.createUser({ email, name, passwordHash });
            schools.addMembership(newUser.id, school.id, invite.role);
            return newUser;
          });
        } catch (error) {
          if (error instanceof DuplicateError) throw httpError(409, error.message);
          throw error;
        }
        if (!created) throw httpError(410, REFUSALS.used.message);
        user = created;
      }

      const token = generateSessionToken();
      const session = sessions.createSession(token, user.id, school.id);
      setSessionCookie(c, cookie, token, session.expiresAt, services.now());
      audit.record({
        actorUserId: user.id,
        schoolId: school.id,
        action: 'member.join',
        subjectId: invite.id,
        details: { kind: invite.kind, role: invite.role },
      });
      return c.json({ user, school, role: invite.role }, 201);
    });
}
