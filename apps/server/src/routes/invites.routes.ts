import { Hono } from 'hono';
import { z } from 'zod';
import { httpError, requireMember, type AuthEnv } from '../auth/access';
import { setSessionCookie } from '../auth/cookies';
import type { Invite, InviteRefusal } from '../auth/invites';
import { hashPassword, passwordProblem } from '../auth/password';
import { generateSessionToken } from '../auth/session';
import type { AuthServices } from '../auth/services';
import { transaction } from '../db/sqlite';
import { PERSON_NAME_MAX_LENGTH, ROLES } from '../contract/limits';
import { guard, jsonBody } from '../http/validate';
import { DuplicateError, isValidEmail, normalizeEmail, type User } from '../schools/school-store';
import { JSON_OBJECT_EXPECTED, linkOrigin } from './auth.helpers';

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

const VALID_EMAIL = 'Vul een geldig e-mailadres in.';
const TEAM_NUMBERS = 'Geef een geldige geldigheidsduur en een maximum aantal aanmeldingen.';

/** `POST /api/school/invites`: a personal invite (address, role) or a team link (days, uses; defaults apply). */
export const newInviteBody = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('person'),
      email: z.string().catch('').transform(normalizeEmail).refine(isValidEmail, { error: VALID_EMAIL }),
      role: z.enum(ROLES, { error: 'Kies de rol leider of leerkracht.' }).default('leerkracht'),
    }),
    z.object({
      kind: z.literal('team'),
      days: z.coerce.number({ error: TEAM_NUMBERS }).gt(0, { error: TEAM_NUMBERS }).optional(),
      maxUses: z.coerce.number({ error: TEAM_NUMBERS }).min(1, { error: TEAM_NUMBERS }).optional(),
    }),
  ],
  { error: 'Kies een persoonlijke uitnodiging of een teamlink.' },
);

/**
 * `POST /api/invites/:token/accept`: name, e-mail (team links) and password for a new account; a logged-in
 * member sends none. What is required depends on the invite and the caller, so the handler checks it.
 */
export const acceptInviteBody = z.object(
  {
    name: z.string().trim().default('').catch(''),
    email: z.string().default('').catch('').transform(normalizeEmail),
    password: z.string().default('').catch(''),
  },
  { error: JSON_OBJECT_EXPECTED },
);

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
    .post(
      '/api/school/invites',
      guard((c) => requireMember(c.var.actor, 'members:manage')),
      jsonBody(newInviteBody),
      async (c) => {
        const actor = requireMember(c.var.actor, 'members:manage');
        const body = c.req.valid('json');
        let created: { invite: Invite; token: string };
        if (body.kind === 'person') {
          const { email, role } = body;
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
        } else {
          created = invites.createTeamLink({
            schoolId: actor.school.id,
            createdBy: actor.user.id,
            days: body.days,
            maxUses: body.maxUses,
          });
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
      },
    )
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
    .post(
      '/api/invites/:token/accept',
      // Access check: the token is the capability (checked before the body); claiming a use is atomic with
      // creating the account.
      guard((c) => {
        const checked = invites.check(c.req.param('token') ?? '');
        if (!checked.ok) throw httpError(REFUSALS[checked.reason].status, REFUSALS[checked.reason].message);
      }),
      jsonBody(acceptInviteBody),
      async (c) => {
        const checked = invites.check(c.req.param('token'));
        if (!checked.ok) throw httpError(REFUSALS[checked.reason].status, REFUSALS[checked.reason].message);
        const invite = checked.invite;
        const school = schools.getSchool(invite.schoolId);
        if (!school) throw httpError(404, REFUSALS.unknown.message);
        const body = c.req.valid('json');
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
          const email = invite.kind === 'person' ? (invite.email ?? '') : body.email;
          if (!isValidEmail(email)) throw httpError(400, VALID_EMAIL);
          const { name, password } = body;
          if (!name || name.length > PERSON_NAME_MAX_LENGTH)
            throw httpError(400, `Vul je naam in (hoogstens ${PERSON_NAME_MAX_LENGTH} tekens).`);
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
      },
    );
}
