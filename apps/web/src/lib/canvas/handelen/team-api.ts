import { api, call, type SuccessBody } from '$lib/api';

/** The school's members by account id and name (`GET /api/boards/:id/team`), for an action's owner. */
export type TeamMember = SuccessBody<
  Awaited<ReturnType<(typeof api.boards)[':id']['team']['$get']>>
>['team'][number];

/** The one place the app asks for the team of a board; throws `ApiError` (Dutch) on failure. */
export async function fetchTeam(boardId: string): Promise<TeamMember[]> {
  const answer = await call(api.boards[':id'].team.$get({ param: { id: boardId } }), { loginOn401: false });
  return answer.team;
}
