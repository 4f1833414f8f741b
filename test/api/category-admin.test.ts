import { expect } from 'chai';
import type TestAgent from 'supertest/lib/agent.js';
import { testApp, type TestApp } from '../support/app.js';
import { SHEIL_ROAD } from '../support/fixtures.js';

/** A complete, valid category as the admin screen sends it. */
function trolley(overrides: Record<string, unknown> = {}) {
  return {
    code: 'shopping-trolley',
    name: 'Abandoned shopping trolley',
    groupName: 'Dumped rubbish',
    icon: 'other',
    slaPolicy: { kind: 'working_days', days: 3 },
    requiredSkill: 'fly-tip-van',
    questions: [
      { code: 'blocking_path', label: 'Is it blocking the pavement?', type: 'boolean', required: true },
      { code: 'store', label: 'Which shop is it from?', type: 'single', required: false, options: [{ key: 'aldi', label: 'Aldi' }, { key: 'tesco', label: 'Tesco' }] },
    ],
    ...overrides,
  };
}

function report(categoryCode: string, answers: Record<string, unknown>) {
  return { categoryCode, ...SHEIL_ROAD, description: 'Trolley on its side', answers };
}

function fieldsOf(body: { error: { details?: { fields?: { field: string }[] } } }): string[] {
  return (body.error.details?.fields ?? []).map((f) => f.field);
}

describe('categories: administrators add and change them', () => {
  let t: TestApp;
  let admin: TestAgent;
  before(async () => {
    t = await testApp({ env: { REPORT_RATE_PER_MINUTE: '1000' } });
    admin = await t.as('admin');
  });
  after(() => t.close());

  it('When an admin creates a category with questions, then it is listed, its defaults are filled in and a report answering its question is accepted at once', async () => {
    // The category is looked up (and not found) first, so intake's category cache holds a miss for it.
    await t.anon().post('/api/reports').send(report('shopping-trolley', { blocking_path: true })).expect(422);

    const created = await admin.post('/api/categories').send(trolley());
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ code: 'shopping-trolley', active: true, hazard: false, autoAccept: false, dedupeRadiusM: 50, requiresBeforePhoto: true, description: '' });
    expect(created.body.quantities).to.deep.equal([]);

    const listed = (await t.anon().get('/api/categories').expect(200)).body as { code: string; questions: { code: string }[] }[];
    expect(listed.find((c) => c.code === 'shopping-trolley')?.questions.map((q) => q.code)).to.deep.equal(['blocking_path', 'store']);

    const filed = await t.anon().post('/api/reports').send(report('shopping-trolley', { blocking_path: 'yes', store: 'aldi' }));
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    const wo = (await admin.get(`/api/work-orders/${filed.body.workOrderId}`).expect(200)).body;
    expect(wo.categoryCode).to.equal('shopping-trolley');
  });

  it('When a report answers the new category’s questions wrongly, then 400 INVALID_ANSWERS names each question', async () => {
    const missing = await t.anon().post('/api/reports').send(report('shopping-trolley', { store: 'aldi' }));
    expect(missing.status).to.equal(400);
    expect(missing.body.error.code).to.equal('INVALID_ANSWERS');
    expect(fieldsOf(missing.body)).to.deep.equal(['answers.blocking_path']);

    const wrong = await t.anon().post('/api/reports').send(report('shopping-trolley', { blocking_path: 'perhaps', store: 'harrods' }));
    expect(wrong.status).to.equal(400);
    expect(fieldsOf(wrong.body)).to.deep.equal(['answers.blocking_path', 'answers.store']);
  });

  it('When the same code is created again, then 409 CATEGORY_EXISTS and the first one is unchanged', async () => {
    const again = await admin.post('/api/categories').send(trolley({ name: 'Trolley again' }));
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('CATEGORY_EXISTS');
    expect((await t.deps.categories.get('shopping-trolley')).name).to.equal('Abandoned shopping trolley');
  });

  it('When a category is invalid, then 400 with every bad field named and nothing is stored', async () => {
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['an upper-case code and no name', trolley({ code: 'Trolley', name: ' ' }), ['code', 'name']],
      ['a zero-hour service level', trolley({ slaPolicy: { kind: 'hours', hours: 0 } }), ['slaPolicy.hours']],
      ['an unknown service level kind', trolley({ slaPolicy: { kind: 'weeks', weeks: 2 } }), ['slaPolicy.kind']],
      ['an unknown crew skill', trolley({ requiredSkill: 'juggling' }), ['requiredSkill']],
      [
        'two questions with one code',
        trolley({ questions: [{ code: 'q', label: 'A', type: 'text', required: false }, { code: 'q', label: 'B', type: 'text', required: false }] }),
        ['questions.1'],
      ],
      ['a choice question without options', trolley({ questions: [{ code: 'kind', label: 'Kind?', type: 'single', required: true }] }), ['questions.0.options']],
      [
        'a choice question with a repeated option key',
        trolley({ questions: [{ code: 'kind', label: 'Kind?', type: 'multi', required: true, options: [{ key: 'a', label: 'A' }, { key: 'a', label: 'Also A' }] }] }),
        ['questions.0.options.1'],
      ],
      ['a number question whose min is above its max', trolley({ questions: [{ code: 'n', label: 'How many?', type: 'number', required: true, min: 5, max: 2 }] }), ['questions.0.max']],
      ['an unknown question type', trolley({ questions: [{ code: 'n', label: 'When?', type: 'colour', required: true }] }), ['questions.0.type']],
      ['a quantity whose min is above its max', trolley({ quantities: [{ code: 'bags', label: 'Bags', min: 10, max: 1 }] }), ['quantities.0.max']],
      ['a field the API does not have', trolley({ colour: 'red' }), ['']],
    ];
    for (const [what, body, fields] of cases) {
      const res = await admin.post('/api/categories').send({ ...body, code: body.code === 'shopping-trolley' ? 'never-stored' : body.code });
      expect(res.status, what).to.equal(400);
      expect(res.body.error.code, what).to.equal('VALIDATION_FAILED');
      expect(fieldsOf(res.body), what).to.include.members(fields);
    }
    expect(await t.deps.categories.find('never-stored')).to.equal(null);
  });

  it('When a question sends reports to a category that does not exist, then 400 on its routesTo', async () => {
    const res = await admin.post('/api/categories').send(
      trolley({ code: 'routed', questions: [{ code: 'urgent', label: 'Urgent?', type: 'boolean', required: true, routesTo: 'no-such-category' }] }),
    );
    expect(res.status).to.equal(400);
    expect(fieldsOf(res.body)).to.deep.equal(['questions.0.routesTo']);
  });

  it('When an admin changes a question, then reports are checked against the new question at once', async () => {
    const changed = await admin.patch('/api/categories/shopping-trolley').send({
      questions: [{ code: 'wheels', label: 'How many wheels are missing?', type: 'number', required: true, min: 0, max: 4 }],
    });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(changed.body.name).to.equal('Abandoned shopping trolley');

    const old = await t.anon().post('/api/reports').send(report('shopping-trolley', { blocking_path: true }));
    expect(old.status).to.equal(400);
    expect(fieldsOf(old.body)).to.include.members(['answers.blocking_path', 'answers.wheels']);
    await t.anon().post('/api/reports').send(report('shopping-trolley', { wheels: 2 })).expect(201);
    const tooMany = await t.anon().post('/api/reports').send(report('shopping-trolley', { wheels: 7 }));
    expect(fieldsOf(tooMany.body)).to.deep.equal(['answers.wheels']);
  });

  it('When an admin deactivates a category, then reporters no longer see or use it, admins still list it and its work orders keep it', async () => {
    const filed = await t.anon().post('/api/reports').send(report('shopping-trolley', { wheels: 1 })).expect(201);
    await admin.patch('/api/categories/shopping-trolley').send({ active: false }).expect(200);

    const publicList = (await t.anon().get('/api/categories').expect(200)).body as { code: string }[];
    expect(publicList.map((c) => c.code)).not.to.include('shopping-trolley');
    const adminList = (await admin.get('/api/categories').query({ all: 'true' }).expect(200)).body as { code: string; active: boolean }[];
    expect(adminList.find((c) => c.code === 'shopping-trolley')?.active).to.equal(false);

    const refused = await t.anon().post('/api/reports').send(report('shopping-trolley', { wheels: 1 }));
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('UNKNOWN_CATEGORY');
    expect((await admin.get(`/api/work-orders/${filed.body.workOrderId}`).expect(200)).body.categoryCode).to.equal('shopping-trolley');
  });

  it('When someone other than an admin asks for inactive categories, then 403; the active list stays public', async () => {
    const dispatcher = await t.as('dispatcher');
    const res = await dispatcher.get('/api/categories').query({ all: 'true' });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('INACTIVE_CATEGORIES_ADMIN_ONLY');
    await dispatcher.get('/api/categories').expect(200);
  });

  it('When a category other questions route to is deactivated, then 409 CATEGORY_ROUTED_TO and it stays active', async () => {
    const res = await admin.patch('/api/categories/offensive-graffiti').send({ active: false });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('CATEGORY_ROUTED_TO');
    expect(res.body.error.details.routedFrom).to.deep.equal(['graffiti']);
    expect((await t.deps.categories.get('offensive-graffiti')).active).to.equal(true);
  });

  it('When a PATCH tries to change the code or names an unknown category, then 400 and 404', async () => {
    const rename = await admin.patch('/api/categories/litter').send({ code: 'rubbish' });
    expect(rename.status).to.equal(400);
    expect(fieldsOf(rename.body)).to.deep.equal(['code']);
    const unknown = await admin.patch('/api/categories/no-such-thing').send({ name: 'X' });
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('CATEGORY_NOT_FOUND');
  });

  it('When a dispatcher tries to create a category, then 403 FORBIDDEN', async () => {
    const res = await (await t.as('dispatcher')).post('/api/categories').send(trolley({ code: 'by-dispatcher' }));
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('FORBIDDEN');
  });
});
