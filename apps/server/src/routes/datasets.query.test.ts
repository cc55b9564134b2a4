import { generateDemoSchool } from '@koers/analysis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, login, tempDatabase, testApp } from '../auth/testing';
import { createDatasetStore } from '../datasets/dataset-store';
import { createDatasetRoutes } from './datasets.routes';

// The dataset routes' query strings are validated with zod: the Dutch message of the first problem with
// 400, after the access check; a valid query reaches the analysis typed (moment upper-cased).
describe('dataset query validation', () => {
  let temp: ReturnType<typeof tempDatabase>;
  let ctx: ReturnType<typeof testApp>;
  let cookie: string;
  let datasetId: string;

  beforeEach(async () => {
    temp = tempDatabase();
    ctx = testApp(temp.db);
    const store = createDatasetStore(temp.db);
    ctx.app.route('/', createDatasetRoutes({ store, audit: ctx.auth.audit, withActor: ctx.auth.withActor }));
    const schoolId = ctx.auth.schools.createSchool('De Regenboog').id;
    const leider = await addMember(ctx.auth, schoolId, 'ib@regenboog.nl', 'leider');
    cookie = await login(ctx.app, leider.user.email, leider.password);
    const demo = generateDemoSchool({ seed: 3, schoolYears: 2, pupilsPerGroup: 6 });
    datasetId = store.create({
      schoolId,
      name: 'Demo',
      sourceFileName: null,
      importedBy: leider.user.id,
      results: demo.results,
    }).id;
  });
  afterEach(() => temp.cleanup());

  const get = async (query: string, withCookie = true) => {
    const response = await ctx.app.request(`/api/datasets/${datasetId}/analysis${query}`, {
      headers: withCookie ? { cookie } : {},
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('names a wrong school year, moment or analysis kind in Dutch', async () => {
    expect(await get('?year=2025')).toEqual({
      status: 400,
      body: { error: "Schooljaar: schrijf het als '2025-2026'." },
    });
    expect(await get('?moment=X')).toEqual({ status: 400, body: { error: 'Toetsmoment: kies B, M of E.' } });
    expect((await get('?kind=namen')).body.error).toMatch(
      /^Onbekende analyse 'namen'\. Kies uit: overview, /,
    );
    const detail = await ctx.app.request(`/api/datasets/${datasetId}/pupil-detail?kind=alles`, {
      headers: { cookie },
    });
    expect(await detail.json()).toEqual({ error: 'Kies welke details: kind=dataQuality of kind=zorg.' });
  });

  it('answers 401 to a logged-out caller before looking at the query', async () => {
    expect((await get('?year=fout', false)).status).toBe(401);
  });

  it('takes a lower-case moment and an empty year as "the latest year"', async () => {
    const { status, body } = await get('?year=&moment=m&kind=overview');
    expect(status).toBe(200);
    expect(body).toMatchObject({ moment: 'M', schoolYear: '2025-2026', kind: 'overview' });
  });
});
